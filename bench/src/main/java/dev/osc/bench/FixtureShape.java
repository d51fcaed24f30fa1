package dev.osc.bench;

import java.util.Locale;

/**
 * The fixture shapes, each with its DDL and its server-side batch generator for both database
 * families. Row {@code n} is a pure function of {@code n}, so a batch can be regenerated or
 * resumed without duplicates. {@code {t}} stands for the quoted table name, {@code {lo}} and
 * {@code {hi}} for the batch's first and last row number.
 */
enum FixtureShape {
    /** sysbench's sbtest: id, k, c CHAR(120), pad CHAR(60), a secondary index on k. */
    SYSBENCH(280,
            "CREATE TABLE {t} (id bigint PRIMARY KEY, k integer NOT NULL, c char(120) NOT NULL, pad char(60) NOT NULL)",
            "CREATE INDEX ON {t} (k)",
            "INSERT INTO {t} SELECT g, ((g * 7919) % 1000000)::int, rpad(md5(g::text), 120, md5((g + 1)::text)), rpad(md5((g + 2)::text), 60, 'x') "
                    + "FROM generate_series({lo}::bigint, {hi}::bigint) g",
            "CREATE TABLE {t} (id BIGINT PRIMARY KEY, k INT NOT NULL, c CHAR(120) NOT NULL, pad CHAR(60) NOT NULL, KEY k (k)) ENGINE=InnoDB",
            "INSERT INTO {t} SELECT seq, (seq * 7919) % 1000000, RPAD(MD5(seq), 120, MD5(seq + 1)), RPAD(MD5(seq + 2), 60, 'x') "
                    + "FROM seq_{lo}_to_{hi}"),
    /** Twenty columns of mixed types, two secondary indexes. */
    WIDE(600,
            "CREATE TABLE {t} (id bigint PRIMARY KEY, a integer, b bigint, c numeric(12,2), d text, e text, f timestamptz, g boolean, "
                    + "h jsonb, i integer, j text, k2 integer, l text, m double precision, n date, o text, p integer, q text, r bigint, s text)",
            "CREATE INDEX ON {t} (a); CREATE INDEX ON {t} (f)",
            "INSERT INTO {t} SELECT x, (x % 1000)::int, x * 3, x / 7.0, md5(x::text), repeat('w', (x % 50)::int), "
                    + "'2026-01-01'::timestamptz + x * interval '1 s', x % 2 = 0, jsonb_build_object('x', x), (x % 17)::int, md5((x + 1)::text), "
                    + "(x % 99)::int, 'v' || x, x / 3.0, '2026-01-01'::date + (x % 3650)::int, md5((x + 2)::text), (x % 5)::int, 'q' || (x % 100), "
                    + "x * 11, md5((x + 3)::text) FROM generate_series({lo}::bigint, {hi}::bigint) x",
            "CREATE TABLE {t} (id BIGINT PRIMARY KEY, a INT, b BIGINT, c DECIMAL(12,2), d VARCHAR(64), e VARCHAR(64), f DATETIME, g BOOLEAN, "
                    + "h JSON, i INT, j VARCHAR(64), k2 INT, l VARCHAR(64), m DOUBLE, n DATE, o VARCHAR(64), p INT, q VARCHAR(64), r BIGINT, "
                    + "s VARCHAR(64), KEY a (a), KEY f (f)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
            "INSERT INTO {t} SELECT seq, seq % 1000, seq * 3, seq / 7, MD5(seq), REPEAT('w', seq % 50), '2026-01-01' + INTERVAL seq SECOND, "
                    + "seq % 2 = 0, JSON_OBJECT('x', seq), seq % 17, MD5(seq + 1), seq % 99, CONCAT('v', seq), seq / 3, "
                    + "'2026-01-01' + INTERVAL (seq % 3650) DAY, MD5(seq + 2), seq % 5, CONCAT('q', seq % 100), seq * 11, MD5(seq + 3) "
                    + "FROM seq_{lo}_to_{hi}"),
    /** A random-looking UUID primary key (inserts land all over the index), derived from n. */
    UUID_KEY(200,
            "CREATE TABLE {t} (id uuid PRIMARY KEY, n bigint NOT NULL, v integer NOT NULL, note text)",
            "",
            "INSERT INTO {t} SELECT md5(g::text)::uuid, g, (g % 1000)::int, 'note ' || g FROM generate_series({lo}::bigint, {hi}::bigint) g",
            "CREATE TABLE {t} (id CHAR(36) PRIMARY KEY, n BIGINT NOT NULL, v INT NOT NULL, note VARCHAR(64)) ENGINE=InnoDB",
            "INSERT INTO {t} SELECT INSERT(INSERT(INSERT(INSERT(MD5(seq), 9, 0, '-'), 14, 0, '-'), 19, 0, '-'), 24, 0, '-'), seq, seq % 1000, "
                    + "CONCAT('note ', seq) FROM seq_{lo}_to_{hi}");

    /** Bytes on disk per row, table and indexes, as measured on PostgreSQL 17 (an estimate for the disk check). */
    final long bytesPerRow;
    final String pgCreate;
    final String pgIndexes;
    final String pgBatch;
    final String myCreate;
    final String myBatch;

    FixtureShape(long bytesPerRow, String pgCreate, String pgIndexes, String pgBatch, String myCreate, String myBatch) {
        this.bytesPerRow = bytesPerRow;
        this.pgCreate = pgCreate;
        this.pgIndexes = pgIndexes;
        this.pgBatch = pgBatch;
        this.myCreate = myCreate;
        this.myBatch = myBatch;
    }

    static FixtureShape parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "sysbench" -> SYSBENCH;
            case "wide" -> WIDE;
            case "uuid-key" -> UUID_KEY;
            default -> throw new IllegalArgumentException("--shape must be sysbench, wide or uuid-key, got: " + value);
        };
    }

    static String render(String template, String table, long lo, long hi) {
        return template.replace("{t}", table).replace("{lo}", Long.toString(lo)).replace("{hi}", Long.toString(hi));
    }
}
