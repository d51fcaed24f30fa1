package dev.osc.engine.it;

import static dev.osc.engine.it.KilledRuns.helper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.scenario.Db;
import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.PerDb;
import dev.osc.engine.scenario.Shape;
import dev.osc.engine.scenario.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault plan on real servers: a run in a child JVM halted ({@link HaltAtPhase}: as SIGKILL) as
 * it enters each phase after the copy, under a concurrent writer whose every committed change is
 * also written to an oracle table in the same transaction; then the same command again. It carries
 * the run on (or, halted after the swap, only removes the helpers), and the table ends equal to the
 * oracle, with nothing of the run left.
 */
class FaultPlanIT {
    private static final PerDb<String> RETYPE = KilledRuns.RETYPE;
    private static final int ROWS = 20_000;

    static Stream<Arguments> plan() {
        return Stream.of(Db.values()).flatMap(db -> Stream.of("indexes", "catch-up", "checksum", "cutover", "cleanup")
                .map(phase -> Arguments.of(db, phase)));
    }

    @ParameterizedTest(name = "{0} halted at {1}")
    @MethodSource("plan")
    void haltedAtAPhaseTheSameCommandFinishesAndLosesNothing(Db on, String phase) throws Exception {
        haltThenRunAgain(on, phase, RETYPE.on(on), "fp_" + phase.replace("-", "") + "_" + on.name().toLowerCase());
    }

    /** An ALTER the new table rejects (its column exists now): the finished swap is decided before anything is planned. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Db.class)
    void haltedAfterTheSwapAnAlterThatCannotApplyTwiceIsFinishedNotRefused(Db on) throws Exception {
        haltThenRunAgain(on, "cleanup", PerDb.of("ADD COLUMN w int", "ADD COLUMN w INT").on(on), "fp_added_" + on.name().toLowerCase());
    }

    private void haltThenRunAgain(Db on, String phase, String alter, String t) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String oracle = t + "_oracle";
        db.dropTables(t, oracle, helper(on, t, "new"), helper(on, t, "fence"), helper(on, t, "state"), helper(on, t, "old"));
        db.exec(Shape.PLAIN.create(on, t, ROWS).toArray(new String[0]));
        db.exec(Shape.PLAIN.create(on, oracle, ROWS).toArray(new String[0]));
        db.exec("CREATE INDEX " + db.quote(t + "_note") + " ON " + db.quote(t) + " (note)");

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong committed = new AtomicLong();
        List<String> writerErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> write(db, t, oracle, writing, committed, writerErrors), "oracle-writer");
        writer.start();
        Path err = Files.createTempFile("osc-halt", ".err");
        try {
            Process osc = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), HaltAtPhase.class.getName(), phase, db.url(), t, alter))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            assertThat(osc.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(osc.exitValue()).as("halted at %s: %s", phase, Files.readString(err)).isEqualTo(HaltAtPhase.HALTED);
            KilledRuns.kill(db, osc);
            Thread.sleep(300); // writes go on while nothing runs
        } finally {
            writing.set(false);
            writer.join();
            Files.deleteIfExists(err);
        }
        assertThat(committed.get()).as("the writer committed changes").isPositive();
        assertThat(writerErrors).as("the writer saw no error a table without osc would not give").isEmpty();

        Osc again = Osc.alterOn(db.url(), t, alter, "--strategy", "shadow");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains(phase.equals("cleanup") ? "had swapped" : "resuming the shadow copy").doesNotContain("Exception");
        if (alter.equals(RETYPE.on(on))) {
            assertThat(db.columnType(t, "v")).startsWith("bigint");
        } else {
            assertThat(db.columnType(t, "w")).startsWith("int");
        }
        assertThat(KilledRuns.digest(db, t)).as("the table equals the oracle").isEqualTo(KilledRuns.digest(db, oracle));
        db.dropTables(t, oracle, helper(on, t, "old"));
        Leaks.assertNone(db);
    }

    /** Each transaction changes the table and the oracle alike; one that fails changes neither. */
    private static void write(TestDatabase db, String t, String oracle, AtomicBoolean writing, AtomicLong committed, List<String> errors) {
        long n = 0;
        try (java.sql.Connection c = db.connect()) {
            c.setAutoCommit(false);
            while (writing.get()) {
                n++;
                try {
                    KilledRuns.changeBoth(c, db, t, oracle, n, ROWS);
                    committed.incrementAndGet();
                } catch (java.sql.SQLException e) {
                    errors.add(e.getSQLState() + " " + e.getMessage());
                    c.rollback();
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
