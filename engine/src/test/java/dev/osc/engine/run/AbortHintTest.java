package dev.osc.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.model.TableName;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The abort command a refusal names: as typed, never with the password. */
class AbortHintTest {

    private static RunSettings settings(String url, String user) {
        return new RunSettings(url, user, "from-env", "t", "ADD COLUMN a int", true, Strategy.SHADOW, 0, Duration.ofMillis(500), false,
                RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES, Duration.ofMillis(200), true, false, false, Duration.ofMillis(50));
    }

    @Test
    void namesUrlUserAndTableButNoPassword() {
        assertThat(AbortHint.command(settings("jdbc:postgresql://db:5432/app?user=ops&password=s3cr3t&sslmode=require", null),
                new TableName("public", "orders")))
                .isEqualTo("osc abort --url 'jdbc:postgresql://db:5432/app?sslmode=require' --user ops --table public.orders");
        assertThat(AbortHint.command(settings("jdbc:mariadb://db/app", "dba"), new TableName("app", "it's")))
                .isEqualTo("osc abort --url jdbc:mariadb://db/app --user dba --table 'app.it'\\''s'")
                .doesNotContain("from-env");
    }
}
