package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osc.engine.it.Osc;
import dev.osc.engine.mysql.MyConnector;
import dev.osc.engine.pg.PgConnector;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.JdbcUrls;
import dev.osc.engine.run.OscException;
import org.junit.jupiter.api.Test;

/** A password typed into a URL never comes back in a message, whatever the message is about. */
class UrlPasswordTest {

    @Test
    void redactedMasksPasswordParametersAndUserInfo() {
        assertThat(JdbcUrls.redacted("Unmatched argument: 'jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true'"))
                .isEqualTo("Unmatched argument: 'jdbc:postgresql://h/db?user=u&password=***&ssl=true'");
        assertThat(JdbcUrls.redacted("bad port: jdbc:mariadb://u:hunter2@127.0.0.1:1/db, PASSWORD=hunter2 x"))
                .isEqualTo("bad port: jdbc:mariadb://u:***@127.0.0.1:1/db, PASSWORD=*** x");
        assertThat(JdbcUrls.redacted("relation \"t\" does not exist")).isEqualTo("relation \"t\" does not exist");
        assertThat(JdbcUrls.redacted(null)).isNull();
    }

    /** The drivers take USER:PASSWORD@ for part of the host and echo it in their error (MariaDB's "Incorrect port value"). */
    @Test
    void userInfoInTheUrlIsRefusedWithoutShowingIt() {
        for (String url : new String[] {"jdbc:postgresql://u:hunter2@127.0.0.1:1/db", "jdbc:mariadb://u:hunter2@127.0.0.1:1/db"}) {
            OscException e = catchThrowableOfType(OscException.class,
                    () -> {
                        if (url.startsWith("jdbc:postgresql")) {
                            new PgConnector(url, null, null);
                        } else {
                            new MyConnector(url, null, null);
                        }
                    });
            assertThat(e).as(url).isNotNull();
            assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
            assertThat(e.getMessage()).contains("USER:PASSWORD@HOST is not supported", "--password-env").doesNotContain("hunter2");
        }
        Osc run = Osc.run("alter", "--url", "jdbc:mariadb://u:hunter2@127.0.0.1:1/db", "--table", "t", "--alter", "ADD COLUMN a int",
                "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err() + run.out()).contains("not supported").doesNotContain("hunter2");
    }

    /** picocli echoes an argument it cannot place: a URL typed without --url. */
    @Test
    void usageErrorsDoNotEchoThePassword() {
        Osc stray = Osc.run("alter", "--url", "jdbc:postgresql://h/db", "--table", "t", "--alter", "x",
                "jdbc:postgresql://h/db?user=u&password=hunter2");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).contains("Unmatched argument", "password=***").doesNotContain("hunter2");
        Osc misplaced = Osc.run("plan", "--url", "jdbc:postgresql://h/db", "--table", "t", "--alter", "x", "--max-direct-hold",
                "jdbc:postgresql://h/db?password=hunter2");
        assertThat(misplaced.exit()).isEqualTo(2);
        assertThat(misplaced.err()).contains("--max-direct-hold").doesNotContain("hunter2");
    }
}
