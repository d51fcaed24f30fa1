package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Composite and non-integer keys (text, uuid) and columns of every common type survive the
 * shadow path unchanged, including NULLs, unicode, jsonb, bytea, arrays and TOASTed values that
 * concurrent updates leave untouched.
 */
class TypesAndKeysIT {
    private static final TestDatabase PG = TestDatabase.postgres();
    private static final String COLUMNS = "tenant text, id uuid, n int, big bigint, num numeric(12,3), f float8, b boolean, "
            + "ts timestamptz, d date, j jsonb, arr int[], raw bytea, t text, toast text, u text UNIQUE, PRIMARY KEY (tenant, id)";

    @Test
    void compositeTextUuidKeyAndEveryTypeSurviveWithConcurrentUpdates() throws Exception {
        PG.exec("DROP TABLE IF EXISTS it_types, it_types_oracle, _it_types_osc_old",
                "CREATE TABLE it_types (" + COLUMNS + ")", "CREATE TABLE it_types_oracle (" + COLUMNS + ")",
                "INSERT INTO it_types SELECT 'ténant ' || (g % 7), md5(g::text)::uuid, CASE WHEN g % 5 = 0 THEN NULL ELSE g END, "
                        + "g * 1000000000::bigint, g / 7.0, g / 3.0, g % 2 = 0, '2026-01-01'::timestamptz + g * interval '1 minute', "
                        + "'2026-01-01'::date + g, jsonb_build_object('k', g, 'ü', ARRAY[1, 2]), ARRAY[g, NULL, 3], "
                        + "decode(md5(g::text), 'hex'), CASE WHEN g % 3 = 0 THEN NULL ELSE 'tëxt ✓ 🚀 ' || g END, "
                        + "CASE WHEN g % 50 = 0 THEN (SELECT string_agg(md5(g::text || i::text), '') FROM generate_series(1, 600) i) END, "
                        + "'u' || g FROM generate_series(1, 5000) g",
                "INSERT INTO it_types_oracle SELECT * FROM it_types");
        List<String[]> keys = new ArrayList<>();
        for (String row : PG.strings("SELECT tenant || '|' || id FROM it_types WHERE toast IS NOT NULL")) {
            keys.add(row.split("\\|"));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> errors = new ArrayList<>();
        Thread updater = new Thread(() -> {
            try (Connection c = PG.connect()) {
                c.setAutoCommit(false);
                while (running.get()) {
                    String[] k = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                    for (String table : new String[] {"it_types_oracle", "it_types"}) {
                        // touches n only: the TOASTed column must survive an update that leaves it alone
                        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET n = coalesce(n, 0) + 1 WHERE tenant = ? AND id = ?::uuid")) {
                            ps.setString(1, k[0]);
                            ps.setString(2, k[1]);
                            ps.executeUpdate();
                        }
                    }
                    c.commit();
                    Thread.sleep(2);
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        });
        updater.start();
        Osc result;
        try {
            result = Osc.alter("it_types", "ADD COLUMN extra text DEFAULT 'x'", "--strategy", "shadow",
                    "--chunk-target-ms", "10", "--max-rows-per-second", "4000");
        } finally {
            running.set(false);
            updater.join();
        }
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(errors).isEmpty();
        String cols = "tenant, id, n, big, num, f, b, ts, d, j, arr, raw, t, toast, u";
        assertThat(PG.number("SELECT count(*) FROM (SELECT " + cols + " FROM it_types EXCEPT ALL SELECT " + cols
                + " FROM it_types_oracle) x")).isZero();
        assertThat(PG.number("SELECT count(*) FROM (SELECT " + cols + " FROM it_types_oracle EXCEPT ALL SELECT " + cols
                + " FROM it_types) x")).isZero();
        assertThat(PG.number("SELECT count(*) FROM it_types WHERE extra = 'x'")).isEqualTo(5000);
        assertThat(PG.number("SELECT count(*) FROM it_types WHERE length(toast) = 19200")).isEqualTo(100);
        Leaks.assertNone(PG);
    }

    /**
     * A shadow copied into a bare heap: two source keys that the ALTER maps to one fail the key's
     * build after the copy. That is the data rejecting the change (exit 3), the source is unchanged
     * and nothing of the run is left.
     */
    @Test
    void twoKeysTheAlterMergesFailTheKeysBuildAsDataAndLeaveTheSourceAsItWas() throws Exception {
        PG.exec("DROP TABLE IF EXISTS it_merged_keys",
                "CREATE TABLE it_merged_keys (id numeric PRIMARY KEY, v int)",
                "INSERT INTO it_merged_keys SELECT g, g FROM generate_series(1, 3000) g",
                "INSERT INTO it_merged_keys VALUES (1.4, 0)");
        Osc result = Osc.alter("it_merged_keys", "ALTER COLUMN id TYPE integer", "--strategy", "shadow", "--allow-destructive");
        assertThat(result.exit()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("the shadow's primary key").doesNotContain("Exception");
        assertThat(PG.strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'it_merged_keys'::regclass "
                + "AND attname = 'id'")).containsExactly("numeric");
        assertThat(PG.number("SELECT count(*) FROM it_merged_keys")).isEqualTo(3001);
        Leaks.assertNone(PG);
        PG.exec("DROP TABLE it_merged_keys");
    }

    @Test
    void hostileNamesAreQuotedEverywhere() throws Exception {
        String table = "Wéird \"tab\" name with spaces and a long tail xxxxxxxxxxxxxxxxx";
        String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
        PG.exec("DROP SCHEMA IF EXISTS \"Sch ema\" CASCADE", "CREATE SCHEMA \"Sch ema\"",
                "CREATE TABLE \"Sch ema\"." + quoted + " (\"Key \"\"col\"\"\" text PRIMARY KEY, \"vålue\" int)",
                "INSERT INTO \"Sch ema\"." + quoted + " SELECT 'k' || g, g FROM generate_series(1, 2000) g");
        Osc result = Osc.alter("\"Sch ema\"." + quoted, "ALTER COLUMN \"vålue\" TYPE bigint", "--strategy", "shadow");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(PG.number("SELECT sum(\"vålue\") FROM \"Sch ema\"." + quoted)).isEqualTo(2001000);
        assertThat(PG.strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '\"Sch ema\"."
                + quoted.replace("'", "''") + "'::regclass AND attname = 'vålue'")).containsExactly("bigint");
        Leaks.assertNone(PG);
        PG.exec("DROP SCHEMA \"Sch ema\" CASCADE");
    }
}
