package dev.osc.engine.api;

import dev.osc.engine.migrate.MigrateSettings;
import dev.osc.engine.migrate.MigrationOutcome;
import dev.osc.engine.migrate.Migrator;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.throttling.Sleeper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * osc as a library: the same engine, results and exit statuses as {@code osc alter} and
 * {@code osc migrate}, for an application that migrates its own database at start-up.
 *
 * <pre>{@code
 * MigrationOutcome outcome = Osc.migrate(MigrateSettings.of(url, user, password, Path.of("db/migration")).executing());
 * if (outcome.status() != ExitStatus.OK) throw new IllegalStateException(outcome.message());
 *
 * RunResult r = Osc.alter(url, user, password, "orders", "ADD COLUMN note text", Osc.AlterOptions.EXECUTE);
 * }</pre>
 *
 * Bad input and refusals of {@code alter} are thrown as {@link OscException} (its {@code status()}
 * is the CLI's exit status); {@code migrate} returns every outcome but bad input. Messages go to
 * {@code log} (nowhere when not given) and never carry credentials.
 */
public final class Osc {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private Osc() {
    }

    /** What {@code osc alter} takes besides the connection, table and clause; everything else has the CLI's defaults. */
    public record AlterOptions(boolean execute, Strategy strategy, long maxRowsPerSecond, boolean allowDestructive, boolean dropOld) {
        /** A dry run with the defaults: plan and checks only. */
        public static final AlterOptions DRY_RUN = new AlterOptions(false, Strategy.AUTO, 0, false, false);
        /** Carry the ALTER out with the defaults. */
        public static final AlterOptions EXECUTE = new AlterOptions(true, Strategy.AUTO, 0, false, false);

        public AlterOptions {
            if (strategy == null) {
                throw OscException.badInput("the strategy is auto, direct or shadow");
            }
        }
    }

    public static RunResult alter(String url, String user, String password, String table, String clause, AlterOptions options)
            throws Exception {
        return alter(url, user, password, table, clause, options, NOWHERE);
    }

    public static RunResult alter(String url, String user, String password, String table, String clause, AlterOptions options,
                                  PrintStream log) throws Exception {
        RunSettings settings = new RunSettings(url, user, password, table, clause, options.execute(), options.strategy(),
                options.maxRowsPerSecond(), Duration.ofMillis(500), options.dropOld(), RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES,
                Duration.ofMillis(200), true, false, options.allowDestructive(), RunSettings.DEFAULT_MAX_DIRECT_HOLD);
        return Engines.forUrl(url, log, Clock.systemUTC(), new RunProgress()).alter(settings);
    }

    public static MigrationOutcome migrate(MigrateSettings settings) throws Exception {
        return migrate(settings, NOWHERE);
    }

    public static MigrationOutcome migrate(MigrateSettings settings, PrintStream log) throws Exception {
        return new Migrator(settings, log, Clock.systemUTC(), Sleeper.SYSTEM).run();
    }

    /** {@code osc migrate --execute} on {@code dir} with the defaults. */
    public static MigrationOutcome migrate(String url, String user, String password, Path dir) throws Exception {
        return migrate(MigrateSettings.of(url, user, password, dir).executing());
    }
}
