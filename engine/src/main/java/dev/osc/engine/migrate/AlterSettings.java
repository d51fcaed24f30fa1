package dev.osc.engine.migrate;

import dev.osc.engine.run.ControlSettings;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.SignalSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.script.AlterStatement;
import java.time.Duration;

/** The engine's settings for one ALTER TABLE of a migration: migrate's own, then the statement's directives over them. */
final class AlterSettings {
    private AlterSettings() {
    }

    static RunSettings of(MigrateSettings s, AlterStatement alter, Directives d, boolean execute) {
        return new RunSettings(s.url(), s.user(), s.password(), alter.table(), alter.clause(), execute,
                d.strategy() == null ? Strategy.AUTO : d.strategy(),
                d.maxRowsPerSecond() == null ? 0 : d.maxRowsPerSecond(),
                d.chunkTargetMs() == null ? null : Duration.ofMillis(d.chunkTargetMs()),
                d.dropOld(),
                d.directThresholdMb() == null ? RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES : d.directThresholdMb() * 1024 * 1024,
                d.lockTimeoutMs() == null ? s.lockTimeout() : Duration.ofMillis(d.lockTimeoutMs()),
                !d.noChecksum(), s.progress() && execute, s.allowDestructive() || d.allowDestructive(), s.maxDirectHold(),
                RunSettings.DEFAULT_CUTOVER_TIMEOUT, null, SignalSettings.NONE, 1,
                // an endpoint on an ephemeral port, as osc alter has: osc status|pause|cutover --url --table find it
                new ControlSettings(0, null, d.postponeCutover(), null));
    }
}
