package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.testkit.EmbeddedPg;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The workload's writes keep the oracle equal to the table when they race one another. */
class FixtureWritesIT {

    /**
     * On PostgreSQL an UPDATE neither sees nor waits for an uncommitted insert. An update of row 1
     * that runs on the oracle before row 1's insert commits, and on the table after, must not change
     * the table alone.
     */
    @Test
    void anUpdateRacingTheInsertOfItsRowChangesNeitherTableOrBoth() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start();
                Connection inserter = DriverManager.getConnection(pg.url());
                Connection updater = DriverManager.getConnection(pg.url())) {
            FixtureTable table = new FixtureTable("race", FixtureShape.UUID_KEY, 0, true);
            try (Statement st = inserter.createStatement()) {
                st.execute(FixtureShape.render(table.shape().pgCreate, table.quoted(), 0, 0));
            }
            OracleTable oracle = OracleTable.create(inserter, table);
            inserter.setAutoCommit(false);
            updater.setAutoCommit(false);

            new FixtureWrites(table, oracle.name(), new WorkloadMix(1, 0, 0, 0), 0).writer(0, 1)
                    .transaction(inserter, ThreadLocalRandom.current());
            Connection committingTheInsertBeforeTheTable = beforeStatementsOn(updater, table.quoted(), inserter::commit);
            new FixtureWrites(table, oracle.name(), new WorkloadMix(0, 1, 0, 0), 1).writer(0, 1)
                    .transaction(committingTheInsertBeforeTheTable, ThreadLocalRandom.current());
            updater.commit();
            inserter.commit();

            assertThat(BenchDatabases.number(pg.url(), "SELECT COUNT(*) FROM race")).isOne();
            assertThat(oracle.differences(updater)).isZero();
        }
    }

    /** {@code c}, running {@code hook} once before it prepares the first statement that starts with an UPDATE of {@code table}. */
    private static Connection beforeStatementsOn(Connection c, String table, SqlAction hook) {
        boolean[] ran = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && !ran[0] && args[0].toString().startsWith("UPDATE " + table + " ")) {
                        ran[0] = true;
                        hook.run();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }
}
