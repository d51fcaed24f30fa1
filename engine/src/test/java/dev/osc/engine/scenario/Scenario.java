package dev.osc.engine.scenario;

import java.util.List;

/**
 * One row of the scenario table: a table shape, an optional writer load, the ALTER clause per
 * database, extra command-line flags, what happens around the run, and the expected outcome.
 * A scenario runs on the databases its ALTER clause is given for.
 *
 * @param alter   the ALTER clause per database ({@code {t}} stands for the table); null: not on that database
 * @param setup   statements after the shape (a child table, a view, a trigger), {@code {t}} for the table
 * @param cleanup statements that remove what {@code setup} made, run before the table is dropped
 */
public record Scenario(String name, Shape shape, long rows, Load load, PerDb<String> alter, PerDb<List<String>> flags,
                       PerDb<List<String>> setup, PerDb<List<String>> cleanup, Verb verb, During during, Expect expect) {

    /** What the command line is asked to do. */
    public enum Verb {
        /** {@code alter --execute --json --quiet} */
        EXECUTE,
        /** {@code alter --json} (no --execute) */
        DRY_RUN,
        /** {@code plan --json} */
        PLAN
    }

    /** Concurrent writers with an oracle on a {@link Shape#DEMO} table. */
    public record Load(int threads, PerDb<Integer> rate) {
    }

    public Scenario {
        if (!name.matches("[a-z0-9-]{1,36}")) {
            throw new IllegalArgumentException("a scenario name is lower-case words joined by '-', at most 36 characters: " + name);
        }
        if (load != null && shape != Shape.DEMO) {
            throw new IllegalArgumentException(name + ": a writer load needs the demo shape");
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The scenario's table: its name with '_' for '-', so each scenario has its own. */
    public String table() {
        return "sc_" + name.replace('-', '_');
    }

    public boolean runsOn(Db db) {
        return alter.has(db) && (shape == Shape.NONE || shape == Shape.DEMO || shape.on(db));
    }

    public List<String> flagsOn(Db db) {
        return flags.has(db) ? flags.on(db) : List.of();
    }

    /** True when the run is expected to swap and keep the old table as {@code _<table>_osc_old}. */
    public boolean keepsOldTable(Db db) {
        return verb == Verb.EXECUTE && expect.exit() == 0 && "shadow".equals(expect.strategy())
                && !flagsOn(db).contains("--drop-old");
    }

    @Override
    public String toString() {
        return name;
    }

    public static final class Builder {
        private final String name;
        private Shape shape = Shape.NONE;
        private long rows;
        private Load load;
        private PerDb<String> alter;
        private PerDb<List<String>> flags = PerDb.both(List.of());
        private PerDb<List<String>> setup = PerDb.both(List.of());
        private PerDb<List<String>> cleanup = PerDb.both(List.of());
        private Verb verb = Verb.EXECUTE;
        private During during = Stage::run;

        private Builder(String name) {
            this.name = name;
        }

        public Builder table(Shape shape, long rows) {
            this.shape = shape;
            this.rows = rows;
            return this;
        }

        public Builder writers(int threads, int pgRate, int mariaRate) {
            this.load = new Load(threads, PerDb.of(pgRate, mariaRate));
            return this;
        }

        /** The same ALTER clause on both databases. */
        public Builder alter(String clause) {
            return alter(PerDb.both(clause));
        }

        public Builder alter(PerDb<String> clause) {
            this.alter = clause;
            return this;
        }

        public Builder flags(String... flags) {
            return flags(PerDb.both(List.of(flags)));
        }

        public Builder flags(PerDb<List<String>> flags) {
            this.flags = flags;
            return this;
        }

        public Builder setup(PerDb<List<String>> setup, PerDb<List<String>> cleanup) {
            this.setup = setup;
            this.cleanup = cleanup;
            return this;
        }

        public Builder verb(Verb verb) {
            this.verb = verb;
            return this;
        }

        public Builder during(During during) {
            this.during = during;
            return this;
        }

        public Scenario expect(Expect expect) {
            return new Scenario(name, shape, rows, load, alter, flags, setup, cleanup, verb, during, expect);
        }
    }
}
