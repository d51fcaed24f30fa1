package dev.osc.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MyKeyTypeCheckTest {
    private final MyKeyTypeCheck check = new MyKeyTypeCheck();

    @Test
    void supportsIntegersDecimalsAndStrings() {
        for (String t : new String[] {"int(11)", "bigint(20) unsigned", "tinyint", "decimal(10,2)", "varchar(40)", "char(3)"}) {
            assertThat(check.supported(t)).as(t).isTrue();
        }
    }

    @Test
    void refusesTheOthers() {
        for (String t : new String[] {"binary(16)", "datetime", "double", "blob", "enum('a','b')"}) {
            assertThat(check.supported(t)).as(t).isFalse();
        }
    }
}
