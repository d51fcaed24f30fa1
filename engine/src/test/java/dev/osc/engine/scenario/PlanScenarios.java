package dev.osc.engine.scenario;

import static dev.osc.engine.scenario.Checks.sourceUnchanged;

import static dev.osc.engine.scenario.Checks.columnType;
import static dev.osc.engine.scenario.Checks.field;
import static dev.osc.engine.scenario.Checks.number;
import static dev.osc.engine.scenario.Checks.only;
import static dev.osc.engine.scenario.Checks.outContains;

import dev.osc.engine.scenario.Scenario.Verb;
import java.util.List;

/**
 * The planner's choice (PostgreSQL: by what the change does and the table's size; MariaDB: by the
 * algorithm the server accepts), the dry run, and direct DDL.
 */
final class PlanScenarios {
    private static final PerDb<String> RETYPE_V = PerDb.of("ALTER COLUMN v TYPE bigint", "MODIFY v BIGINT");

    private PlanScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.named("plan-metadata-only-is-direct")
                        .table(Shape.PLAIN, 20_000)
                        .verb(Verb.PLAN)
                        .alter(PerDb.of("ADD COLUMN extra text", "ADD COLUMN extra INT"))
                        .expect(Expect.planned("direct").and(
                                only(Db.POSTGRES, outContains("metadata-only")),
                                only(Db.MARIADB, field("algorithm", "instant")))),

                Scenario.named("plan-rewrite-is-shadow")
                        .table(Shape.PLAIN, 20_000)
                        .verb(Verb.PLAN)
                        .alter(RETYPE_V)
                        .flags("--direct-threshold-mb", "0")
                        .expect(Expect.planned("shadow").and(
                                only(Db.POSTGRES, outContains("rewrites the table", "retyped v (integer -> bigint)")),
                                only(Db.MARIADB, field("algorithm", "copy")))),

                // VALIDATE CONSTRAINT reads every row but blocks no writer; the empty probe cannot show the scan
                Scenario.named("plan-validate-constraint-is-a-scan")
                        .table(Shape.PLAIN, 20_000)
                        .setup(PerDb.pgOnly(List.of("CREATE TABLE {t}_parent (id bigint PRIMARY KEY)",
                                        "ALTER TABLE {t} ADD CONSTRAINT v_positive CHECK (v > 0) NOT VALID",
                                        "ALTER TABLE {t} ADD CONSTRAINT v_parent FOREIGN KEY (v) REFERENCES {t}_parent (id) NOT VALID")),
                                PerDb.pgOnly(List.of("DROP TABLE IF EXISTS {t}_parent CASCADE")))
                        .verb(Verb.PLAN)
                        .alter(PerDb.pgOnly("VALIDATE CONSTRAINT v_positive, VALIDATE CONSTRAINT v_parent"))
                        .expect(Expect.planned("direct").and(outContains("writers are not blocked",
                                "validates constraint v_positive by scanning the table",
                                "validates constraint v_parent by scanning the table"))),

                Scenario.named("validate-constraint-runs-direct")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.pgOnly(List.of("ALTER TABLE {t} ADD CONSTRAINT v_positive CHECK (v > 0) NOT VALID")),
                                PerDb.pgOnly(List.of()))
                        .alter(PerDb.pgOnly("VALIDATE CONSTRAINT v_positive"))
                        .expect(Expect.directDone().and(number("SELECT count(*) FROM pg_constraint WHERE conrelid = '{t}'::regclass "
                                + "AND conname = 'v_positive' AND convalidated", 1))),

                Scenario.named("validate-constraint-violated")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.pgOnly(List.of("UPDATE {t} SET v = -1 WHERE id = 4",
                                        "ALTER TABLE {t} ADD CONSTRAINT v_positive CHECK (v > 0) NOT VALID")),
                                PerDb.pgOnly(List.of()))
                        .alter(PerDb.pgOnly("VALIDATE CONSTRAINT v_positive"))
                        .expect(Expect.fails(3, "the data would violate the change", "v_positive")),

                Scenario.named("plan-small-rewrite-is-direct")
                        .table(Shape.PLAIN, 20_000)
                        .verb(Verb.PLAN)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .expect(Expect.planned("direct").and(outContains("below the direct threshold"))),

                // the size that decides a blocking direct rewrite cannot be stale: MariaDB's statistics lag a bulk load
                // (here they still give the first 100 rows' 16 KiB for 200,100 rows), the tablespace file and a count do not
                Scenario.named("plan-stale-statistics-still-shadow")
                        .table(Shape.PLAIN, 100)
                        .setup(PerDb.mariaOnly(List.of("ALTER TABLE {t} STATS_PERSISTENT=1 STATS_AUTO_RECALC=0",
                                        "INSERT INTO {t} SELECT seq + 100, seq, REPEAT('x', 60) FROM seq_1_to_200000")),
                                PerDb.mariaOnly(List.of()))
                        .verb(Verb.PLAN)
                        .alter(PerDb.mariaOnly("MODIFY v BIGINT"))
                        .flags("--direct-threshold-mb", "1", "--max-direct-hold", "10m")
                        .expect(Expect.planned("shadow").and(field("algorithm", "copy"), outContains("expected writer hold"),
                                number("SELECT DATA_LENGTH + INDEX_LENGTH < 1000000 FROM information_schema.TABLES "
                                        + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{t}'", 1))),

                // a rewrite that would hold writers longer than --max-direct-hold (50ms) goes through the shadow
                Scenario.named("plan-rewrite-over-hold-is-shadow")
                        .table(Shape.PLAIN, 200_000)
                        .verb(Verb.PLAN)
                        .alter(PerDb.of("ALTER COLUMN v TYPE bigint", "MODIFY v BIGINT"))
                        .expect(Expect.planned("shadow").and(outContains("expected writer hold", "50 ms"))),

                Scenario.named("plan-check-constraint-is-shadow")
                        .table(Shape.PLAIN, 20_000)
                        .verb(Verb.PLAN)
                        .alter(PerDb.pgOnly("ADD CONSTRAINT v_positive CHECK (v > 0)"))
                        .flags("--direct-threshold-mb", "0")
                        .expect(Expect.planned("shadow").and(outContains("validates constraint v_positive"),
                                number("SELECT count(*) FROM pg_constraint WHERE conrelid = '{t}'::regclass AND contype = 'c'", 0))),

                Scenario.named("plan-not-valid-check-is-direct")
                        .table(Shape.PLAIN, 20_000)
                        .verb(Verb.PLAN)
                        .alter(PerDb.pgOnly("ADD CONSTRAINT v_positive CHECK (v > 0) NOT VALID"))
                        .flags("--direct-threshold-mb", "0")
                        .expect(Expect.planned("direct").and(
                                number("SELECT count(*) FROM pg_constraint WHERE conrelid = '{t}'::regclass AND contype = 'c'", 0))),

                Scenario.named("plan-add-index-is-inplace")
                        .table(Shape.PLAIN, 5_000)
                        .verb(Verb.PLAN)
                        .alter(PerDb.mariaOnly("ADD INDEX v_idx (v)"))
                        .expect(Expect.planned("direct").and(field("algorithm", "inplace"),
                                number("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                                        + "AND TABLE_NAME = '{t}' AND INDEX_NAME = 'v_idx'", 0))),

                // a script gates on plan's exit status: what alter --execute would refuse exits 3, the plan still shown
                Scenario.named("plan-with-refusals-exits-3")
                        .table(Shape.NO_KEY, 100)
                        .verb(Verb.PLAN)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow")
                        .expect(Expect.exit(3).and(field("status", "refused"), outContains("no primary key"),
                                sourceUnchanged())),

                Scenario.named("alter-without-execute-is-dry-run")
                        .table(Shape.PLAIN, 100)
                        .verb(Verb.DRY_RUN)
                        .alter(RETYPE_V)
                        .expect(Expect.dryRun()),

                Scenario.named("direct-add-column-with-default")
                        .table(Shape.PLAIN, 5_000)
                        .alter("ADD COLUMN extra INT DEFAULT 5")
                        .expect(Expect.directDone().and(number("SELECT SUM(extra) FROM {t}", 25_000))),

                Scenario.named("direct-ddl-retries-lock-wait")
                        .table(Shape.PLAIN, 1_000)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "direct", "--lock-timeout-ms", "50")
                        .during(Interferences.readerWhileDirectDdlRetries())
                        .expect(Expect.directDone().and(
                                columnType("v", PerDb.pgOnly("bigint")),
                                number("SELECT count(*) FROM {t}", 1_001))));
    }
}
