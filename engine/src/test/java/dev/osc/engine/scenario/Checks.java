package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The checks scenarios are written with. {@code {t}} in SQL and expected values stands for the table. */
public final class Checks {

    private Checks() {
    }

    /** {@code check} on database {@code db} only. */
    public static Check only(Db db, Check check) {
        return run -> {
            if (run.on() == db) {
                check.verify(run);
            }
        };
    }

    public static Check field(String name, String expected) {
        return run -> assertThat(run.result().field(name)).as("%s in %s", name, run.result()).isEqualTo(expected);
    }

    public static Check fieldStartsWith(String name, String prefix) {
        return run -> assertThat(run.result().field(name)).as("%s in %s", name, run.result()).startsWith(prefix);
    }

    public static Check fieldBetween(String name, long low, long high) {
        return run -> assertThat(run.longField(name)).as("%s in %s", name, run.result()).isBetween(low, high);
    }

    public static Check fieldPositive(String name) {
        return run -> assertThat(run.longField(name)).as("%s in %s", name, run.result()).isPositive();
    }

    public static Check errContains(String... fragments) {
        return run -> {
            for (String f : fragments) {
                assertThat(run.result().err()).as("stderr of %s", run.result()).contains(f);
            }
        };
    }

    public static Check outContains(String... fragments) {
        return run -> {
            for (String f : fragments) {
                assertThat(run.result().out()).as("stdout of %s", run.result()).contains(f);
            }
        };
    }

    /** Neither stdout nor stderr shows {@code secret}. */
    public static Check neverShows(String secret) {
        return run -> {
            assertThat(run.result().err()).doesNotContain(secret);
            assertThat(run.result().out()).doesNotContain(secret);
        };
    }

    /** A user error is one line: no stack trace, no exception class name. */
    public static Check noStackTrace() {
        return run -> assertThat(run.result().err()).as("stderr of %s", run.result()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /**
     * After the run's opening line ({@code osc: run <id>: shadow copy of ...}), stderr holds exactly
     * one line, which starts with {@code prefix} and contains each fragment.
     */
    public static Check endsWithOneLine(String prefix, String... fragments) {
        return run -> {
            List<String> lines = run.result().err().lines().filter(l -> !l.startsWith("osc: run ")).toList();
            assertThat(lines).as("stderr of %s", run.result()).hasSize(1);
            assertThat(lines.get(0)).as("stderr of %s", run.result()).startsWith(prefix).contains(fragments);
        };
    }

    /** The last line on stderr is exactly {@code line}. */
    public static Check lastLine(String line) {
        return run -> {
            List<String> lines = run.result().err().lines().toList();
            assertThat(lines).as("stderr of %s", run.result()).isNotEmpty();
            assertThat(lines.get(lines.size() - 1)).as("stderr of %s", run.result()).isEqualTo(line);
        };
    }

    /** The JSON result says the run did not finish, and why. */
    public static Check errorReported() {
        return run -> {
            assertThat(run.result().field("status")).as("status in %s", run.result()).isNotNull().isNotEqualTo("done");
            assertThat(run.result().field("error")).as("error in %s", run.result()).isNotBlank();
        };
    }

    /** Columns, types, rows, content and the table's identity as before the run. */
    public static Check sourceUnchanged() {
        return run -> {
            if (run.before() != null) {
                assertThat(run.db().fingerprint(run.stage().table())).as("the source after the run").isEqualTo(run.before());
            }
        };
    }

    /** Every table and view of the test schema as before the run: definitions, identity and rows (see {@link TestDatabase#databaseFingerprint}). */
    public static Check databaseUnchanged() {
        return new Check() {
            @Override
            public void verify(Run run) throws Exception {
                assertThat(run.db().databaseFingerprint()).as("the whole database after the run").isEqualTo(run.databaseBefore());
            }

            @Override
            public boolean needsDatabaseBefore() {
                return true;
            }
        };
    }

    /** The checksum matched at the first comparison: no chunk had to be copied again. */
    public static Check checksumWithoutRepair() {
        return run -> {
            assertThat(run.result().field("checksum")).as("checksum in %s", run.result()).startsWith("match");
            assertThat(run.longField("checksumMismatchedChunks")).as("checksumMismatchedChunks in %s", run.result()).isZero();
            assertThat(run.longField("checksumRounds")).as("checksumRounds in %s", run.result()).isEqualTo(1);
        };
    }

    /**
     * Every row copied: exactly the rows the table had, or under a writer load (which inserts and
     * deletes meanwhile) nearly so, with changes applied from the stream.
     */
    public static Check rowsCopied() {
        return run -> {
            if (run.load() == null) {
                assertThat(run.longField("rowsCopied")).as("rowsCopied in %s", run.result()).isEqualTo(run.rowsBefore());
            } else {
                assertThat(run.longField("rowsCopied")).as("rowsCopied in %s", run.result()).isGreaterThanOrEqualTo(run.rowsBefore() - 1_000);
                assertThat(run.longField("changesApplied")).as("changesApplied in %s", run.result()).isPositive();
            }
        };
    }

    /** The old table is kept as {@code _<table>_osc_old}, or gone with {@code --drop-old}. */
    public static Check oldTableAsFlagged() {
        return run -> assertThat(run.db().tableExists(run.stage().oldTable())).as("old table %s kept", run.stage().oldTable())
                .isEqualTo(run.stage().scenario().keepsOldTable(run.on()));
    }

    /** The column's type in the catalog afterwards. */
    public static Check columnType(String column, PerDb<String> type) {
        return run -> assertThat(run.db().columnType(run.stage().table(), column)).as("type of %s", column).isEqualTo(type.on(run.on()));
    }

    /** The rows of {@code sql} (first column, as text) are exactly {@code expected}; skipped where sql is null. */
    public static Check rows(PerDb<String> sql, PerDb<List<String>> expected) {
        return run -> {
            if (sql.has(run.on())) {
                List<String> want = expected.on(run.on()).stream().map(run::sql).toList();
                assertThat(run.db().strings(run.sql(sql.on(run.on())))).as(sql.on(run.on())).containsExactlyElementsOf(want);
            }
        };
    }

    public static Check rows(String sql, String... expected) {
        return rows(PerDb.both(sql), PerDb.both(List.of(expected)));
    }

    /** {@code sql} gives the number {@code expected}; skipped where sql is null. */
    public static Check number(PerDb<String> sql, long expected) {
        return run -> {
            if (sql.has(run.on())) {
                assertThat(run.db().number(run.sql(sql.on(run.on())))).as(sql.on(run.on())).isEqualTo(expected);
            }
        };
    }

    public static Check number(String sql, long expected) {
        return number(PerDb.both(sql), expected);
    }

    /** Runs statements (an application's next insert, say) before the checks that follow. */
    public static Check afterwards(PerDb<String> sql) {
        return run -> {
            if (sql.has(run.on())) {
                run.db().exec(run.sql(sql.on(run.on())));
            }
        };
    }

    public static Check afterwards(String sql) {
        return afterwards(PerDb.both(sql));
    }

    /** The table equals its oracle: every write the load made is in the new table, nothing else. */
    public static Check oracleEqual() {
        return run -> assertThat(run.load().differences()).as("rows differing from the oracle: %s", run.load().sampleDifferences()).isZero();
    }

    /** The writers saw no error (a migration must never make an application write fail). */
    public static Check writersSawNoError() {
        return run -> assertThat(run.load().errors()).as("errors seen by writers").isEmpty();
    }

    /** The writers deadlocked each other at most {@code max} times (InnoDB's unique-index gap locks, not osc). */
    public static Check writerDeadlocksAtMost(long max) {
        return run -> assertThat(run.load().deadlocks()).as("deadlocks between writers").isLessThanOrEqualTo(max);
    }

    /**
     * For a long run: one deadlock, and one more per {@code perTransactions} committed. The demo's
     * writers deadlock among themselves about once in 20,000 transactions on InnoDB (see DemoWrites);
     * one that osc caused would come with every chunk or apply, far more often.
     */
    public static Check writerDeadlocksAtMostOnePer(long perTransactions) {
        return run -> assertThat(run.load().deadlocks()).as("deadlocks between writers in %d transactions", run.load().transactions())
                .isLessThanOrEqualTo(1 + run.load().transactions() / perTransactions);
    }
}
