package dev.osc.engine.scenario;

import java.util.List;

/**
 * The table a scenario starts from, as statements per database with {@code {t}} for the table and
 * {@code {rows}} for the row count; {@link #DEMO} is the demo table with its oracle, which a writer
 * load needs.
 */
public record Shape(String id, PerDb<List<String>> statements) {

    /** No table at all. */
    public static final Shape NONE = new Shape("none", PerDb.both(List.of()));

    /** The demo table (every common type) and its oracle: see {@link TestDatabase#createDemo}. */
    public static final Shape DEMO = new Shape("demo", PerDb.both(List.of()));

    /** A bigint key, an int and a text. */
    public static final Shape PLAIN = new Shape("plain", PerDb.of(
            List.of("CREATE TABLE {t} (id bigint PRIMARY KEY, v int, note text)",
                    "INSERT INTO {t} SELECT g, g, 'n' || g FROM generate_series(1, {rows}) g", "ANALYZE {t}"),
            List.of("CREATE TABLE {t} (id BIGINT PRIMARY KEY, v INT, note VARCHAR(100)) ENGINE=InnoDB",
                    "INSERT INTO {t} SELECT seq, seq, CONCAT('n', seq) FROM seq_1_to_{rows}", "ANALYZE TABLE {t}")));

    /** No primary key and no unique key. */
    public static final Shape NO_KEY = new Shape("no-key", PerDb.of(
            List.of("CREATE TABLE {t} (v int, note text)", "INSERT INTO {t} SELECT g, 'x' FROM generate_series(1, {rows}) g"),
            List.of("CREATE TABLE {t} (v INT, note VARCHAR(10)) ENGINE=InnoDB", "INSERT INTO {t} SELECT seq, 'x' FROM seq_1_to_{rows}")));

    /**
     * PostgreSQL only (MariaDB has no replica identity): no primary key, keyed by the unique index on
     * {@code id} that is its {@code REPLICA IDENTITY USING INDEX}.
     */
    public static final Shape REPLICA_IDENTITY_KEYED = new Shape("replica-identity-keyed", PerDb.pgOnly(
            List.of("CREATE TABLE {t} (id bigint NOT NULL, v int, note text)", "CREATE UNIQUE INDEX {t}_ident ON {t} (id)",
                    "ALTER TABLE {t} REPLICA IDENTITY USING INDEX {t}_ident",
                    "INSERT INTO {t} SELECT g, g, 'n' || g FROM generate_series(1, {rows}) g", "ANALYZE {t}")));

    /** A key the database generates: a serial (its sequence owned by the column) / AUTO_INCREMENT. */
    public static final Shape GENERATED_ID = new Shape("generated-id", PerDb.of(
            List.of("CREATE TABLE {t} (id serial PRIMARY KEY, name text)",
                    "INSERT INTO {t} (name) SELECT 'n' || g FROM generate_series(1, {rows}) g"),
            List.of("CREATE TABLE {t} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40)) ENGINE=InnoDB",
                    "INSERT INTO {t} (name) SELECT CONCAT('n', seq) FROM seq_1_to_{rows}")));

    /** PostgreSQL: a key GENERATED ALWAYS AS IDENTITY. */
    public static final Shape IDENTITY = new Shape("identity", PerDb.pgOnly(
            List.of("CREATE TABLE {t} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v int)",
                    "INSERT INTO {t} (v) SELECT g FROM generate_series(1, {rows}) g")));

    /**
     * MariaDB: a composite text and number key, an AUTO_INCREMENT column that is not the key,
     * decimals, unicode and NULLs; the last ten rows deleted again, so the counter is ahead of the data.
     */
    public static final Shape COMPOSITE_KEY = new Shape("composite-key", PerDb.mariaOnly(
            List.of("CREATE TABLE {t} (tenant VARCHAR(40) NOT NULL, id BIGINT NOT NULL, seq BIGINT NOT NULL AUTO_INCREMENT, "
                            + "amount DECIMAL(12,3), label VARCHAR(100), KEY (seq), PRIMARY KEY (tenant, id)) "
                            + "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                    "INSERT INTO {t} (tenant, id, amount, label) SELECT CONCAT('ténant ', seq % 5), seq, seq / 7, "
                            + "IF(seq % 3 = 0, NULL, CONCAT('låbel ✓ ', seq)) FROM seq_1_to_{rows}",
                    "DELETE FROM {t} WHERE seq > {rows} - 10")));

    public List<String> create(Db db, String table, long rows) {
        return statements.on(db).stream()
                .map(s -> s.replace("{t}", table).replace("{rows}", Long.toString(rows)))
                .toList();
    }

    public boolean on(Db db) {
        return statements.has(db);
    }
}
