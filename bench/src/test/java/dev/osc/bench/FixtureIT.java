package dev.osc.bench;

import static dev.osc.bench.BenchDatabases.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.engine.testkit.EmbeddedPg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fixture generator produces exactly N rows of the documented shape and resumes without duplicates. */
class FixtureIT {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    private static void exactAndResumable(String url) throws Exception {
        for (FixtureShape shape : FixtureShape.values()) {
            String table = "fx_" + shape.name().toLowerCase();
            // an interrupted run: 5,000 rows of the 12,345 asked for
            FixtureGenerator.Result first = new FixtureGenerator(url, table, shape, 5_000, false, 2_000, QUIET).run();
            assertThat(first.rowsDone()).isEqualTo(5_000);
            FixtureGenerator.Result resumed = new FixtureGenerator(url, table, shape, 12_345, true, 2_000, QUIET).run();
            assertThat(resumed.rowsAdded()).isEqualTo(7_345);
            assertThat(number(url, "SELECT COUNT(*) FROM " + table)).as(shape.name()).isEqualTo(12_345);
            assertThat(number(url, "SELECT COUNT(DISTINCT id) FROM " + table)).as(shape.name()).isEqualTo(12_345);
            assertThat(resumed.bytesOnDisk()).isPositive();
            // without --resume an existing table is refused, and nothing is added
            FixtureGenerator again = new FixtureGenerator(url, table, shape, 20_000, false, 2_000, QUIET);
            try {
                again.run();
                throw new AssertionError("an existing fixture must be refused without --resume");
            } catch (FixtureGenerator.Refused expected) {
                assertThat(expected.exit).isEqualTo(2);
            }
            assertThat(number(url, "SELECT COUNT(*) FROM " + table)).isEqualTo(12_345);
        }
        assertThat(number(url, "SELECT COUNT(*) FROM fx_sysbench WHERE id = 777 AND k = (777 * 7919) % 1000000")).isEqualTo(1);
    }

    @Test
    void rowNumbersBeyondTheIntegerRangeGenerate() throws Exception {
        BenchDatabases.requireMaria();
        try (EmbeddedPg pg = EmbeddedPg.start(); EmbeddedMaria maria = EmbeddedMaria.start()) {
            for (String url : new String[] {pg.url(), maria.url()}) {
                for (FixtureShape shape : FixtureShape.values()) {
                    String table = "fx_big_" + shape.name().toLowerCase();
                    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                        st.execute("CREATE TABLE IF NOT EXISTS _osc_fixture (table_name varchar(128) PRIMARY KEY, shape varchar(16) NOT NULL, "
                                + "rows_done bigint NOT NULL)");
                        st.execute(FixtureShape.render(url.startsWith("jdbc:postgresql") ? shape.pgCreate : shape.myCreate, table, 0, 0));
                        // rows 2,999,999,001 to 3,000,000,000 of a three-billion-row fixture
                        st.execute(FixtureShape.render(url.startsWith("jdbc:postgresql") ? shape.pgBatch : shape.myBatch, table,
                                2_999_999_001L, 3_000_000_000L));
                    }
                    assertThat(number(url, "SELECT COUNT(*) FROM " + table)).as(shape + " on " + url).isEqualTo(1000);
                }
            }
        }
    }

    @Test
    void postgresql() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start()) {
            exactAndResumable(pg.url());
            assertThat(number(pg.url(), "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'fx_wide'")).isEqualTo(3);
        }
    }

    @Test
    void mariadb() throws Exception {
        BenchDatabases.requireMaria();
        try (EmbeddedMaria maria = EmbeddedMaria.start()) {
            exactAndResumable(maria.url());
        }
    }
}
