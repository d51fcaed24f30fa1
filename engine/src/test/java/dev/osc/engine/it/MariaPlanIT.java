package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the server accepts decides the MariaDB plan: INSTANT or INPLACE run directly, COPY goes to the shadow path. */
class MariaPlanIT {

    @Test
    void theAlgorithmTheServerAcceptsDecides() throws Exception {
        TestMaria.exec("DROP TABLE IF EXISTS it_m_plan",
                "CREATE TABLE it_m_plan (id BIGINT PRIMARY KEY, v INT, note VARCHAR(20)) ENGINE=InnoDB",
                "INSERT INTO it_m_plan SELECT seq, seq, 'x' FROM seq_1_to_5000");
        Osc instant = Osc.run("plan", "--url", TestMaria.url(), "--table", "it_m_plan", "--alter", "ADD COLUMN extra INT", "--json");
        assertThat(instant.exit()).as(instant.toString()).isZero();
        assertThat(instant.field("strategy")).isEqualTo("direct");
        assertThat(instant.field("algorithm")).isEqualTo("instant");

        Osc index = Osc.run("plan", "--url", TestMaria.url(), "--table", "it_m_plan", "--alter", "ADD INDEX v_idx (v)", "--json");
        assertThat(index.field("algorithm")).isEqualTo("inplace");
        assertThat(index.field("strategy")).isEqualTo("direct");

        Osc retype = Osc.run("plan", "--url", TestMaria.url(), "--table", "it_m_plan", "--alter", "MODIFY v BIGINT", "--json",
                "--direct-threshold-mb", "0");
        assertThat(retype.field("algorithm")).isEqualTo("copy");
        assertThat(retype.field("strategy")).isEqualTo("shadow");

        // planning changed nothing and left nothing
        assertThat(TestMaria.strings("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'it_m_plan' ORDER BY ORDINAL_POSITION")).containsExactly("bigint(20)", "int(11)", "varchar(20)");
        assertThat(TestMaria.leftovers()).isEmpty();

        Osc direct = Osc.alterOn(TestMaria.url(), "it_m_plan", "ADD COLUMN extra INT DEFAULT 5");
        assertThat(direct.exit()).as(direct.toString()).isZero();
        assertThat(direct.field("strategy")).isEqualTo("direct");
        assertThat(TestMaria.number("SELECT SUM(extra) FROM it_m_plan")).isEqualTo(25_000);
    }
}
