package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osc.engine.pg.PgConnector;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PgConnectorTest {

    @Test
    void passwordFromTheUrlNeverShows() {
        PgConnector c = new PgConnector("jdbc:postgresql://db.example.com:6543/app?user=u&password=secret&sslmode=require",
                null, null);
        assertThat(c.toString()).isEqualTo("postgresql://db.example.com:6543/app").doesNotContain("secret");
        assertThat(c.user()).isEqualTo("u");
        assertThat(c.host()).isEqualTo("db.example.com");
        assertThat(c.port()).isEqualTo(6543);
        assertThat(c.database()).isEqualTo("app");
    }

    @Test
    void explicitCredentialsWinAndNeverShow() {
        PgConnector c = new PgConnector("jdbc:postgresql://h/app?password=fromurl", "explicit", "explicitpw");
        assertThat(c.user()).isEqualTo("explicit");
        assertThat(c.toString()).doesNotContain("explicitpw").doesNotContain("fromurl");
    }

    @Test
    void defaultPortIs5432() {
        PgConnector c = new PgConnector("jdbc:postgresql://localhost/orders", "u", "p");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(c.database()).isEqualTo("orders");
        assertThat(c.toString()).isEqualTo("postgresql://localhost:5432/orders");
    }

    @Test
    void encodedPasswordIsDecodedAndStillHidden() {
        PgConnector c = new PgConnector("jdbc:postgresql://h:1/d?password=p%40ss%26word&user=me", null, null);
        assertThat(c.toString()).doesNotContain("p%40ss").doesNotContain("p@ss").doesNotContain("word");
        assertThat(c.user()).isEqualTo("me");
    }

    @Test
    void nonPostgresUrlIsBadInput() {
        for (String url : new String[] {"jdbc:mysql://h/db", "postgresql://h/db", "", "JDBC:POSTGRESQL://h/db"}) {
            OscException e = catchThrowableOfType(OscException.class, () -> new PgConnector(url, "u", "p"));
            assertThat(e).as(url).isNotNull();
            assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
            assertThat(e.getMessage()).contains("--url");
        }
        OscException nullUrl = catchThrowableOfType(OscException.class, () -> new PgConnector(null, "u", "p"));
        assertThat(nullUrl.status()).isEqualTo(ExitStatus.BAD_INPUT);
    }

    @Test
    void urlWithoutDatabaseIsBadInputAndHidesThePassword() {
        OscException e = catchThrowableOfType(OscException.class,
                () -> new PgConnector("jdbc:postgresql://h:5432/?password=hunter2", null, null));
        assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(e.getMessage()).contains("database").doesNotContain("hunter2");
    }

    @Test
    void unparsablePortIsBadInput() {
        OscException bad = catchThrowableOfType(OscException.class,
                () -> new PgConnector("jdbc:postgresql://h:notaport/db?password=hunter2", null, null));
        assertThat(bad).isNotNull();
        assertThat(bad.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(bad.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void oneLineKeepsTheFirstLine() {
        assertThat(PgConnector.oneLine(new SQLException("ERROR: boom\n  Detail: x"))).isEqualTo("ERROR: boom");
        assertThat(PgConnector.oneLine(new SQLException((String) null))).isEqualTo("SQLException");
    }
}
