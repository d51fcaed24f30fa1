package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.LeftoverSweep;
import dev.osc.engine.run.OscException;
import dev.osc.engine.shadow.Leftover;
import dev.osc.engine.shadow.Leftover.Kind;
import dev.osc.engine.shadow.Leftovers;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decisions of cleanup and abort over a fake database: what is removed, what a live run keeps, which old tables go. */
class LeftoverSweepTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private static final TableName CRASHED = new TableName("s", "crashed");
    private static final TableName LIVE = new TableName("s", "live");

    /** The database: its leftovers, the tables a live run holds, and the sessions a live run still has. */
    private static final class FakeDatabase implements Leftovers {
        final List<Leftover> items = new ArrayList<>();
        final Set<TableName> held = new HashSet<>();
        final List<String> removed = new ArrayList<>();
        /** How many polls a live run takes to end after its sessions are ended; -1: never. */
        int pollsToStop = 2;
        int lockedNow;
        boolean ended;

        @Override
        public Connection open(String role) {
            return null;
        }

        /** The phase every state row records. */
        String phase = "copy";

        @Override
        public dev.osc.engine.shadow.HelperTableSql helperTables() {
            throw new AssertionError("the sweep reads no state row itself");
        }

        @Override
        public String phase(Connection c, Leftover state) {
            return phase;
        }

        @Override
        public TableName table(Connection c, String written) {
            return new TableName("s", written);
        }

        @Override
        public List<Leftover> find(Connection c) {
            return List.copyOf(items);
        }

        @Override
        public void remove(Connection c, Leftover item) {
            if (item.table() != null) {
                assertThat(lockedNow).as("removed only under the table's run lock: %s", item).isPositive();
            }
            items.remove(item);
            removed.add(item.toString());
        }

        @Override
        public AutoCloseable tryLock(TableName table) {
            if (held.contains(table)) {
                return null;
            }
            lockedNow++;
            return () -> lockedNow--;
        }

        @Override
        public List<String> runSessions(Connection c, TableName table, List<String> runIds) {
            if (ended && pollsToStop >= 0 && pollsToStop-- == 0) {
                held.remove(table);
            }
            return held.contains(table) ? List.of("osc copy " + runIds) : List.of();
        }

        @Override
        public List<String> endRun(Connection c, TableName table, List<String> runIds) {
            ended = true;
            return List.of("osc copy " + runIds);
        }

        @Override
        public Instant now(Connection c) {
            return NOW;
        }
    }

    private static Leftover helper(Kind kind, TableName table) {
        return Leftover.helper(kind, new TableName("s", "_" + table.name() + "_osc_" + kind.name().toLowerCase()), table,
                kind == Kind.STATE ? "r1" : null);
    }

    private static Leftover old(TableName table, Duration age) {
        return Leftover.oldTable(new TableName("s", "_" + table.name() + "_osc_old"), table, age == null ? null : NOW.minus(age), 1L << 20);
    }

    private final FakeDatabase db = new FakeDatabase();
    private final Instant[] clock = {NOW};
    private final LeftoverSweep sweep = new LeftoverSweep(db, new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return clock[0];
        }
    }, d -> clock[0] = clock[0].plus(d));

    @Test
    void cleanupRemovesACrashedRunAndLeavesALiveOne() throws Exception {
        db.items.addAll(List.of(helper(Kind.STATE, CRASHED), helper(Kind.SHADOW, CRASHED), helper(Kind.SHADOW, LIVE), helper(Kind.STATE, LIVE)));
        db.held.add(LIVE);
        LeftoverSweep.Outcome outcome = sweep.cleanup(false, null);
        assertThat(outcome.exit()).isEqualTo(ExitStatus.REFUSED);
        assertThat(db.removed).containsExactly("shadow table s._crashed_osc_shadow", "state table s._crashed_osc_state");
        assertThat(db.items).extracting(Leftover::table).containsOnly(LIVE);
        assertThat(outcome.lines()).anyMatch(l -> l.startsWith("kept shadow table s._live_osc_shadow") && l.contains("a live run holds the run lock of s.live"));
        assertThat(db.lockedNow).as("every lock let go").isZero();
    }

    @Test
    void aDryRunListsAndRemovesNothing() throws Exception {
        db.items.addAll(List.of(helper(Kind.SHADOW, CRASHED), helper(Kind.STATE, CRASHED), old(CRASHED, Duration.ofDays(9))));
        LeftoverSweep.Outcome outcome = sweep.cleanup(true, Duration.ofDays(7));
        assertThat(outcome.exit()).isEqualTo(ExitStatus.OK);
        assertThat(db.removed).isEmpty();
        assertThat(outcome.lines()).contains("would remove shadow table s._crashed_osc_shadow (of s.crashed)",
                "would remove state table s._crashed_osc_state (run r1 of s.crashed)",
                "would remove old table s._crashed_osc_old (of s.crashed, 9d 0h old, 1.0 MiB)");
    }

    @Test
    void oldTablesGoOnlyWhenAskedAndOldEnough() throws Exception {
        TableName young = new TableName("s", "young");
        TableName unknown = new TableName("s", "unknown");
        db.items.addAll(List.of(old(CRASHED, Duration.ofDays(8)), old(young, Duration.ofHours(3)), old(unknown, null)));
        assertThat(sweep.cleanup(false, null).exit()).isEqualTo(ExitStatus.OK);
        assertThat(db.removed).as("without --drop-old-tables-older-than").isEmpty();
        LeftoverSweep.Outcome outcome = sweep.cleanup(false, Duration.ofDays(7));
        assertThat(db.removed).containsExactly("old table s._crashed_osc_old");
        assertThat(outcome.lines()).anyMatch(l -> l.startsWith("kept old table s._unknown_osc_old") && l.contains("age unknown"));
        assertThat(outcome.result().toJson()).contains("\"ageSeconds\":10800", "\"dropped\":true");
    }

    @Test
    void aSlotInUseWithoutAKnownTableIsKept() throws Exception {
        db.items.add(Leftover.stream(Kind.SLOT, "osc_x", null, "x", true));
        db.items.add(Leftover.stream(Kind.SLOT, "osc_y", null, "y", false));
        LeftoverSweep.Outcome outcome = sweep.cleanup(false, null);
        assertThat(outcome.exit()).isEqualTo(ExitStatus.REFUSED);
        assertThat(db.removed).containsExactly("replication slot osc_y");
    }

    @Test
    void abortRemovesOnlyTheTablesRunAndNeverItsOldTable() throws Exception {
        db.items.addAll(List.of(helper(Kind.FENCE, CRASHED), helper(Kind.STATE, CRASHED), old(CRASHED, Duration.ofDays(30)),
                helper(Kind.SHADOW, LIVE)));
        LeftoverSweep.Outcome outcome = sweep.abort("crashed");
        assertThat(outcome.exit()).isEqualTo(ExitStatus.OK);
        assertThat(db.removed).containsExactly("fence table s._crashed_osc_fence", "state table s._crashed_osc_state");
        assertThat(outcome.lines()).containsExactly("osc: aborted the run on s.crashed: removed fence table s._crashed_osc_fence, "
                + "state table s._crashed_osc_state; the source is unchanged");
        assertThat(sweep.abort("crashed").lines()).containsExactly("osc: nothing to abort on s.crashed");
    }

    @Test
    void abortOfARunStoppedAfterItsSwapIsRefusedAndRemovesNothing() {
        db.items.addAll(List.of(helper(Kind.FENCE, CRASHED), helper(Kind.STATE, CRASHED), old(CRASHED, Duration.ofDays(1))));
        db.phase = "revert-window";
        assertThatThrownBy(() -> sweep.abort("crashed")).isInstanceOf(OscException.class)
                .hasMessageContaining("had swapped it before it stopped (phase revert-window)")
                .hasMessageContaining("the same alter command finishes the run")
                .satisfies(e -> assertThat(((OscException) e).status()).isEqualTo(ExitStatus.REFUSED));
        assertThat(db.removed).isEmpty();
    }

    @Test
    void abortStopsALiveRunAndRemovesOnceItsLockIsFree() throws Exception {
        db.items.addAll(List.of(helper(Kind.SHADOW, LIVE), helper(Kind.STATE, LIVE)));
        db.held.add(LIVE);
        LeftoverSweep.Outcome outcome = sweep.abort("live");
        assertThat(db.ended).isTrue();
        assertThat(outcome.lines().get(0)).startsWith("osc: aborted the run on s.live: stopped the live run r1 (ended its 1 session); removed ");
        assertThat(db.items).isEmpty();
    }

    @Test
    void abortAsksALiveRunWithAnEndpointToStopItselfAndEndsNoSession() throws Exception {
        db.items.addAll(List.of(helper(Kind.SHADOW, LIVE), helper(Kind.STATE, LIVE)));
        db.held.add(LIVE);
        List<TableName> asked = new ArrayList<>();
        LeftoverSweep.Outcome outcome = sweep.abort("live", (c, table) -> {
            asked.add(table);
            // the run stops at its next safe point and removes what it made
            db.items.clear();
            db.held.remove(table);
            return true;
        });
        assertThat(asked).containsExactly(LIVE);
        assertThat(db.ended).as("no session ended").isFalse();
        assertThat(db.removed).as("the run removed its own").isEmpty();
        assertThat(outcome.lines()).containsExactly("osc: aborted the run on s.live: stopped the live run r1 through its admin endpoint; "
                + "removed shadow table s._live_osc_shadow, state table s._live_osc_state; the source is unchanged");
    }

    @Test
    void tablesNoStateNamesAreKeptByCleanupAndAbort() throws Exception {
        Leftover lookalike = Leftover.helper(Kind.STATE, new TableName("s", "_crashed_osc_state"), CRASHED, null);
        db.items.addAll(List.of(helper(Kind.SHADOW, CRASHED), lookalike));
        LeftoverSweep.Outcome outcome = sweep.cleanup(false, null);
        assertThat(outcome.exit()).isEqualTo(ExitStatus.OK);
        assertThat(db.removed).isEmpty();
        assertThat(outcome.lines()).anyMatch(l -> l.startsWith("kept shadow table s._crashed_osc_shadow")
                && l.contains("no osc state table names its run"));
        assertThat(sweep.abort("crashed").lines()).containsExactly("osc: nothing to abort on s.crashed");
        assertThat(db.removed).isEmpty();
    }

    @Test
    void abortRefusesALiveRunThatHasNoStateYetOrNoShadowAnyMore() {
        db.held.add(LIVE);
        assertThatThrownBy(() -> sweep.abort("live")).isInstanceOfSatisfying(OscException.class,
                e -> assertThat(e.status()).isEqualTo(ExitStatus.REFUSED)).hasMessageContaining("has written no state yet");
        db.items.add(helper(Kind.STATE, LIVE));
        assertThatThrownBy(() -> sweep.abort("live")).isInstanceOfSatisfying(OscException.class,
                e -> assertThat(e.status()).isEqualTo(ExitStatus.REFUSED)).hasMessageContaining("has no shadow table");
        assertThat(db.ended).as("no session ended").isFalse();
        assertThat(db.removed).isEmpty();
    }

    @Test
    void abortGivesUpWhenTheLiveRunKeepsItsLock() {
        db.items.addAll(List.of(helper(Kind.SHADOW, LIVE), helper(Kind.STATE, LIVE)));
        db.held.add(LIVE);
        db.pollsToStop = -1;
        assertThatThrownBy(() -> sweep.abort("live")).isInstanceOfSatisfying(OscException.class,
                e -> assertThat(e.status()).isEqualTo(ExitStatus.REFUSED)).hasMessageContaining("still holds its run lock 30 s");
        assertThat(db.removed).isEmpty();
        assertThat(clock[0]).as("waited the bounded time").isAfterOrEqualTo(NOW.plusSeconds(30)).isBefore(NOW.plusSeconds(31));
    }
}
