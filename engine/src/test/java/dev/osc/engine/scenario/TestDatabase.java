package dev.osc.engine.scenario;

import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.Workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one door from the tests to a test server, its demo table, its writer load and its catalog.
 * Everything database-specific a scenario needs is here, so that the scenarios themselves hold
 * no SQL dialect beyond what a scenario is about.
 */
public interface TestDatabase {

    static TestDatabase postgres() {
        return PgTestDatabase.INSTANCE;
    }

    static TestDatabase mariadb() {
        return MariaTestDatabase.INSTANCE;
    }

    /** A server a test started for itself (one it may crash, say), at {@code url}. */
    static TestDatabase at(Db db, String url) {
        return db == Db.POSTGRES ? new PgTestDatabase(url) : new MariaTestDatabase(url);
    }

    static TestDatabase of(Db db) {
        return db == Db.POSTGRES ? postgres() : mariadb();
    }

    Db db();

    /** The server's JDBC URL (started on first use). */
    String url();

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** A connection tagged with {@code role} the way osc tags its own (application name / program name). */
    Connection connectAs(String role) throws SQLException;

    default void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    default List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    default long number(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The identifier quoted for this database. */
    String quote(String identifier);

    /** Drops the tables that exist among {@code names} (with what depends on them). */
    void dropTables(String... names) throws SQLException;

    boolean tableExists(String name) throws SQLException;

    /** The column's type as the catalog spells it ({@code bigint}, {@code bigint(20)}). */
    String columnType(String table, String column) throws SQLException;

    /**
     * What "the source is untouched" means: columns and types, row count, a digest of the content
     * and the table's identity in the catalog (a swapped table is another table).
     */
    String fingerprint(String table) throws SQLException;

    /**
     * Every table and view of the test schema: definitions (columns, defaults, keys, indexes,
     * constraints, triggers), identity in the catalog, row counts and a digest of every row. Equal
     * before and after a refused run means the run changed nothing anywhere.
     */
    String databaseFingerprint() throws SQLException;

    /**
     * A user {@code user} who logs in with {@code password} only (the server checks it), with what the
     * shadow path needs (replication, creating tables in the test schema); created once, its password
     * set again on every call.
     */
    Login passwordLogin(String user, String password) throws Exception;

    /** Makes {@code user} the owner of {@code table} where altering a table needs that (PostgreSQL). */
    void handOver(String table, String user) throws SQLException;

    /** The demo table (every common type) named {@code table}, with its oracle {@code <table>_oracle}. */
    DemoTable demoTable(String table);

    /** Creates the demo table and its oracle with {@code rows} rows. */
    default void createDemo(String table, long rows) throws SQLException {
        try (Connection c = connect()) {
            demoTable(table).create(c, rows);
        }
    }

    /** Starts {@code threads} writers at {@code rate} transactions per second on a demo table. */
    default WriterLoad startLoad(String table, long rows, int threads, int rate) {
        DemoTable demo = demoTable(table);
        Workload workload = Workload.on(url(), demo.writes(rows)).threads(threads).rate(rate).start();
        return new WriterLoad() {
            @Override
            public long transactions() {
                return workload.transactions();
            }

            @Override
            public List<String> errors() {
                return workload.errors();
            }

            @Override
            public long deadlocks() {
                return workload.deadlocks();
            }

            @Override
            public long differences() throws SQLException {
                try (Connection c = connect()) {
                    return demo.differences(c);
                }
            }

            @Override
            public List<String> sampleDifferences() throws SQLException {
                try (Connection c = connect()) {
                    return demo.sampleDifferences(c, 5);
                }
            }

            @Override
            public void close() throws InterruptedException {
                workload.close();
            }
        };
    }

    /** Ends the connections whose osc role (application or program name) is LIKE {@code role}; returns how many. */
    int killConnections(String role) throws SQLException;

    /**
     * What an osc run must never leave behind on the server, each as "kind name": connections osc
     * opened, replication slots and publications, and helper tables (shadow, fence, state, probe, del).
     */
    List<String> leftovers() throws SQLException;

    /** Old tables kept after a swap ({@code _<table>_osc_old}), as "table name": left by design unless --drop-old. */
    List<String> oldTables() throws SQLException;
}
