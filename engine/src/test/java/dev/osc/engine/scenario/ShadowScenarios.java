package dev.osc.engine.scenario;

import static dev.osc.engine.scenario.Checks.afterwards;
import static dev.osc.engine.scenario.Checks.columnType;
import static dev.osc.engine.scenario.Checks.fieldPositive;
import static dev.osc.engine.scenario.Checks.errContains;
import static dev.osc.engine.scenario.Checks.number;
import static dev.osc.engine.scenario.Checks.oracleEqual;
import static dev.osc.engine.scenario.Checks.rows;
import static dev.osc.engine.scenario.Checks.writerDeadlocksAtMost;
import static dev.osc.engine.scenario.Checks.writersSawNoError;

import java.util.List;

/** The shadow path finishing: under writers, with generated keys, table options, renames and composite keys. */
final class ShadowScenarios {

    private ShadowScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                // a slow, fine-grained copy: many chunks, many changes landing while chunks are in flight; inserts,
                // updates, key updates, deletes, TOAST/BLOB, JSON, NULLs, unicode and swaps of a UNIQUE column's values
                Scenario.named("writers-match-oracle")
                        .table(Shape.DEMO, 40_000)
                        .writers(4, 400, 300)
                        .alter(PerDb.of("ALTER COLUMN balance TYPE bigint", "MODIFY COLUMN balance BIGINT"))
                        .flags("--strategy", "shadow", "--chunk-target-ms", "20", "--max-rows-per-second", "15000")
                        .expect(Expect.shadowDone().and(
                                writersSawNoError(),
                                writerDeadlocksAtMost(1),
                                oracleEqual(),
                                columnType("balance", PerDb.of("bigint", "bigint(20)")),
                                rows(PerDb.of("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '{t}'::regclass ORDER BY 1",
                                                "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                                                        + "AND TABLE_NAME = '{t}' ORDER BY 1"),
                                        PerDb.of(List.of("{t}_email_key", "{t}_pkey"), List.of("email", "PRIMARY"))),
                                rows(PerDb.pgOnly("SELECT conname FROM pg_constraint WHERE conrelid = '{t}'::regclass "
                                                + "AND contype IN ('p', 'u') ORDER BY 1"),
                                        PerDb.pgOnly(List.of("{t}_email_key", "{t}_pkey"))))),

                // three copy workers: chunks copied at once on three connections, committed in key order
                Scenario.named("copy-workers-match-oracle")
                        .table(Shape.DEMO, 40_000)
                        .writers(4, 400, 300)
                        .alter(PerDb.of("ALTER COLUMN balance TYPE bigint", "MODIFY COLUMN balance BIGINT"))
                        .flags("--strategy", "shadow", "--chunk-target-ms", "20", "--max-rows-per-second", "15000", "--copy-workers", "3")
                        .expect(Expect.shadowDone().and(
                                writersSawNoError(),
                                writerDeadlocksAtMost(1),
                                oracleEqual(),
                                columnType("balance", PerDb.of("bigint", "bigint(20)")))),

                // a small table whose writers swap unique emails all the time: without its unique index the
                // shadow may hold half a swap between two applies, so the index is built on a shadow flushed
                // while writers were held (the demo at 20,000 rows failed here with "could not create unique index")
                Scenario.named("unique-swaps-on-a-small-table")
                        .table(Shape.DEMO, 20_000)
                        .writers(4, 400, 300)
                        .alter(PerDb.of("ALTER COLUMN balance TYPE bigint", "MODIFY COLUMN balance BIGINT"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.shadowDone().and(writersSawNoError(), writerDeadlocksAtMost(1), oracleEqual())),

                // PostgreSQL only (MariaDB has no replica identity): no primary key, keyed by the unique index that is
                // its REPLICA IDENTITY; writers insert, update, delete and move keys while the shadow fills. The change
                // stream must key records by that index, the shadow keep it through the copy, the new table keep the identity
                Scenario.named("pg-replident-keyed-under-writers")
                        .table(Shape.DEMO, 20_000)
                        .setup(PerDb.pgOnly(List.of("ALTER TABLE {t} DROP CONSTRAINT {t}_pkey",
                                        "CREATE UNIQUE INDEX {t}_ident ON {t} (id)",
                                        "ALTER TABLE {t} REPLICA IDENTITY USING INDEX {t}_ident")),
                                PerDb.pgOnly(List.of()))
                        .writers(4, 400, 300)
                        .alter(PerDb.pgOnly("ALTER COLUMN balance TYPE bigint"))
                        .flags("--strategy", "shadow", "--chunk-target-ms", "20", "--max-rows-per-second", "15000")
                        .expect(Expect.shadowDone().and(
                                writersSawNoError(),
                                fieldPositive("changesApplied"),
                                oracleEqual(),
                                columnType("balance", PerDb.pgOnly("bigint")),
                                number("SELECT count(*) FROM pg_index WHERE indrelid = '{t}'::regclass AND indisprimary", 0),
                                rows("SELECT relreplident::text FROM pg_class WHERE oid = '{t}'::regclass", "i"),
                                rows("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '{t}'::regclass AND indisreplident",
                                        "{t}_ident"),
                                rows("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '_{t}_osc_old'::regclass "
                                        + "AND indisreplident", "_{t}_ident_osc_old"))),

                // PostgreSQL only: the replica identity carries over to the new table whatever it is (LIKE leaves it out)
                Scenario.named("pg-replident-full-carried-over")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.pgOnly(List.of("ALTER TABLE {t} REPLICA IDENTITY FULL")), PerDb.pgOnly(List.of()))
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.shadowDone().and(
                                rows("SELECT relreplident::text FROM pg_class WHERE oid = '{t}'::regclass", "f"))),

                // outgoing foreign keys move to the new table: the kept old table must not constrain the parent
                Scenario.named("old-table-keeps-no-foreign-keys")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.pgOnly(List.of("CREATE TABLE {t}_parent (id int PRIMARY KEY)",
                                        "INSERT INTO {t}_parent SELECT generate_series(1, 3)",
                                        "ALTER TABLE {t} ADD COLUMN p int REFERENCES {t}_parent (id)",
                                        "UPDATE {t} SET p = 2 WHERE id <= 5")),
                                PerDb.pgOnly(List.of("DROP TABLE IF EXISTS {t}_parent CASCADE")))
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.shadowDone().and(
                                number("SELECT count(*) FROM pg_constraint WHERE conrelid = '{t}'::regclass AND contype = 'f' AND convalidated", 1),
                                number("SELECT count(*) FROM pg_constraint WHERE conrelid = '_{t}_osc_old'::regclass AND contype = 'f'", 0),
                                afterwards("DELETE FROM {t} WHERE p = 2"),
                                afterwards("DELETE FROM {t}_parent WHERE id = 2"),
                                number("SELECT count(*) FROM {t}_parent", 2))),

                // a publication lists a table by its identity: after the swap it must publish the new table, not the old
                Scenario.named("publications-list-the-new-table")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.pgOnly(List.of("CREATE PUBLICATION {t}_all FOR TABLE {t}",
                                        "CREATE PUBLICATION {t}_some FOR TABLE {t} (id, v) WHERE (v > 10)")),
                                PerDb.pgOnly(List.of("DROP PUBLICATION IF EXISTS {t}_all", "DROP PUBLICATION IF EXISTS {t}_some")))
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.shadowDone().and(
                                number("SELECT count(*) FROM pg_publication_tables WHERE pubname IN ('{t}_all', '{t}_some') "
                                        + "AND tablename = '{t}'", 2),
                                number("SELECT count(*) FROM pg_publication_tables WHERE pubname = '{t}_some' AND tablename = '{t}' "
                                        + "AND attnames = ARRAY['id', 'v']::name[] AND rowfilter = '(v > 10)'", 1),
                                number("SELECT count(*) FROM pg_publication_rel WHERE prrelid = '_{t}_osc_old'::regclass", 0))),

                // the swap adds the moved foreign key, which locks its parent: a parent busy at the swap is waited for
                // (retried, its blocker named and here ended) before anything is applied, instead of failing the run
                Scenario.named("busy-parent-at-the-swap")
                        .table(Shape.PLAIN, 40_000)
                        .setup(PerDb.pgOnly(List.of("CREATE TABLE {t}_parent (id int PRIMARY KEY)",
                                        "INSERT INTO {t}_parent SELECT generate_series(1, 3)",
                                        "ALTER TABLE {t} ADD COLUMN p int CONSTRAINT p_parent REFERENCES {t}_parent (id)",
                                        "UPDATE {t} SET p = 2 WHERE id <= 5")),
                                PerDb.pgOnly(List.of("DROP TABLE IF EXISTS {t}_parent CASCADE")))
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow", "--kill-blockers-after", "1s", "--max-rows-per-second", "8000")
                        .during(Interferences.openTransactionFromMidCopy("UPDATE {t}_parent SET id = id WHERE id = 1", true))
                        .expect(Expect.shadowDone().and(
                                number("SELECT count(*) FROM pg_constraint WHERE conrelid = '{t}'::regclass AND contype = 'f' "
                                        + "AND convalidated", 1))),

                // a foreign key the clause drops stays dropped, and one whose column is renamed follows it
                Scenario.named("shadow-drops-a-foreign-key")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.pgOnly(List.of("CREATE TABLE {t}_parent (id int PRIMARY KEY)",
                                        "INSERT INTO {t}_parent SELECT generate_series(1, 3)",
                                        "ALTER TABLE {t} ADD COLUMN p int CONSTRAINT p_parent REFERENCES {t}_parent (id)")),
                                PerDb.pgOnly(List.of("DROP TABLE IF EXISTS {t}_parent CASCADE")))
                        .alter(PerDb.pgOnly("DROP CONSTRAINT p_parent, ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow", "--allow-destructive")
                        .expect(Expect.shadowDone().and(
                                number("SELECT count(*) FROM pg_constraint WHERE conrelid = '{t}'::regclass AND contype = 'f'", 0),
                                columnType("v", PerDb.pgOnly("bigint")))),

                Scenario.named("shadow-foreign-key-column-renamed")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.pgOnly(List.of("CREATE TABLE {t}_parent (id int PRIMARY KEY)",
                                        "INSERT INTO {t}_parent SELECT generate_series(1, 3)",
                                        "ALTER TABLE {t} ADD COLUMN p int CONSTRAINT p_parent REFERENCES {t}_parent (id)",
                                        "UPDATE {t} SET p = 2 WHERE id <= 5")),
                                PerDb.pgOnly(List.of("DROP TABLE IF EXISTS {t}_parent CASCADE")))
                        .alter(PerDb.pgOnly("RENAME COLUMN p TO parent_id"))
                        .flags("--strategy", "shadow", "--allow-destructive")
                        .expect(Expect.shadowDone().and(
                                number("SELECT count(*) FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid "
                                        + "AND a.attnum = k.conkey[1] WHERE k.conrelid = '{t}'::regclass AND k.contype = 'f' "
                                        + "AND k.conname = 'p_parent' AND a.attname = 'parent_id' AND k.convalidated", 1))),

                // a NOT VALID check that old rows violate must not block the copy; the new table keeps it NOT VALID
                Scenario.named("not-valid-check-carried-over")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.pgOnly(List.of("UPDATE {t} SET v = -1 WHERE id = 5",
                                        "ALTER TABLE {t} ADD CONSTRAINT v_positive CHECK (v > 0) NOT VALID")),
                                PerDb.pgOnly(List.of()))
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.shadowDone().and(
                                number("SELECT count(*) FROM pg_constraint WHERE conrelid = '{t}'::regclass "
                                        + "AND conname = 'v_positive' AND contype = 'c' AND NOT convalidated", 1),
                                number("SELECT count(*) FROM {t} WHERE v = -1", 1),
                                columnType("v", PerDb.pgOnly("bigint")))),

                // the key generator moves with the table: new rows get fresh ids, not duplicates
                Scenario.named("drop-old-keeps-id-generator")
                        .table(Shape.GENERATED_ID, 1_000)
                        .alter("ADD COLUMN extra int DEFAULT 7")
                        .flags("--strategy", "shadow", "--drop-old")
                        .expect(Expect.shadowDone().and(
                                afterwards("INSERT INTO {t} (name) VALUES ('after')"),
                                number("SELECT COUNT(*) FROM {t} WHERE id > 1000 AND name = 'after'", 1),
                                number(PerDb.pgOnly("SELECT max(id) FROM {t}"), 1001),
                                number("SELECT COUNT(DISTINCT id) FROM {t}", 1001),
                                number("SELECT COUNT(*) FROM {t} WHERE extra = 7", 1001))),

                Scenario.named("identity-keeps-counting")
                        .table(Shape.IDENTITY, 500)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.shadowDone().and(
                                afterwards("INSERT INTO {t} (v) VALUES (-1)"),
                                number("SELECT id FROM {t} WHERE v = -1", 501),
                                number("SELECT count(*) FROM {t}", 501))),

                // osc turns autovacuum off on the shadow while it fills; the swap gives back what the ALTER asked for
                Scenario.named("autovacuum-setting-survives")
                        .table(Shape.PLAIN, 500)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint, SET (autovacuum_enabled = false)"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.shadowDone().and(
                                rows("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = '{t}'",
                                        "autovacuum_enabled=false"))),

                Scenario.named("rename-on-composite-key")
                        .table(Shape.COMPOSITE_KEY, 3_000)
                        .alter(PerDb.mariaOnly("RENAME COLUMN label TO title, MODIFY amount DECIMAL(14,3)"))
                        .flags("--strategy", "shadow", "--drop-old", "--allow-destructive")
                        .expect(Expect.shadowDone().and(
                                number("SELECT COUNT(*) FROM {t} WHERE title LIKE 'låbel ✓ %'", 1994),
                                number("SELECT COUNT(*) FROM {t} WHERE title IS NULL", 996),
                                number("SELECT COUNT(*) FROM {t} WHERE amount = ROUND(id / 7, 3) AND title <=> "
                                        + "IF(id % 3 = 0, NULL, CONCAT('låbel ✓ ', id)) AND tenant = CONCAT('ténant ', id % 5)", 2990),
                                columnType("amount", PerDb.mariaOnly("decimal(14,3)")),
                                // the old table's counter carried over: no id handed out twice
                                afterwards("INSERT INTO {t} (tenant, id) VALUES ('new', 1)"),
                                number("SELECT COUNT(*) FROM {t} WHERE tenant = 'new' AND seq > 3000", 1))),

                // a transaction left open on the table under a writer load: after --kill-blockers-after the run ends
                // that session (PostgreSQL: at the swap; MariaDB: already at the checksum's hold), logged with its
                // query, and finishes; every write the load made is in the new table
                Scenario.named("blocker-killed-at-cutover")
                        .table(Shape.DEMO, 20_000)
                        .writers(2, 200, 150)
                        .alter(PerDb.of("ALTER COLUMN balance TYPE bigint", "MODIFY COLUMN balance BIGINT"))
                        .flags("--strategy", "shadow", "--cutover-timeout", "2m", "--kill-blockers-after", "2s")
                        .during(Interferences.openTransactionThroughCutover("SELECT COUNT(*) FROM {t}", true))
                        .expect(Expect.shadowDone().and(writersSawNoError(), writerDeadlocksAtMost(1), oracleEqual())),

                // PostgreSQL: a transaction that wrote a row and stays open keeps the checksum's EXCLUSIVE hold away;
                // it is ended there (its write rolled back) and the run goes on to the swap
                Scenario.named("open-writer-killed-at-checksum")
                        .table(Shape.PLAIN, 40_000)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        // four chunks of 10,000 rows over five seconds: the transaction opens once the first chunk is
                        // committed, well before the checksum, even on a busy machine
                        .flags("--strategy", "shadow", "--kill-blockers-after", "1s", "--max-rows-per-second", "8000")
                        .during(Interferences.openTransactionFromMidCopy("UPDATE {t} SET note = 'held' WHERE id = 1", true))
                        .expect(Expect.shadowDone().and(errContains("osc [checksum] terminated session "),
                                number("SELECT count(*) FROM {t} WHERE note = 'held'", 0))));
    }
}
