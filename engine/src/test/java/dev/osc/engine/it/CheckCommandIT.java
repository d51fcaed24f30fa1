package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.scenario.Db;
import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code osc check} on both databases: each file's ALTER TABLE statements judged as plan would, nothing changed. */
class CheckCommandIT {
    @TempDir
    Path dir;

    private static final String TABLE = "ck_files";

    private void setUp(TestDatabase db) throws Exception {
        db.exec("DROP TABLE IF EXISTS " + TABLE, db.db() == Db.POSTGRES
                ? "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, v int, note text)"
                : "CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, v INT, note VARCHAR(100)) ENGINE=InnoDB",
                "INSERT INTO " + TABLE + " (id, v, note) VALUES (1, 1, 'a'), (2, 2, 'b')");
    }

    private Osc check(TestDatabase db, String... fileContents) throws Exception {
        String[] args = new String[4 + fileContents.length];
        args[0] = "check";
        args[1] = "--url";
        args[2] = db.url();
        args[3] = "--json";
        for (int i = 0; i < fileContents.length; i++) {
            Path f = dir.resolve("V" + (i + 1) + "__change.sql");
            Files.writeString(f, fileContents[i], StandardCharsets.UTF_8);
            args[4 + i] = f.toString();
        }
        return Osc.run(args);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verdictsAndExitStatusesWithoutChangingAnything(Db which) throws Exception {
        TestDatabase db = TestDatabase.of(which);
        setUp(db);
        try {
            String before = db.fingerprint(TABLE);
            String retype = which == Db.POSTGRES ? "ALTER COLUMN v TYPE bigint" : "MODIFY v BIGINT";

            Osc online = check(db, "-- widen v\nALTER TABLE " + TABLE + " ADD COLUMN extra int;\nALTER TABLE " + TABLE + " " + retype + ";\n");
            assertThat(online.exit()).as(online.toString()).isZero();
            assertThat(online.out()).contains("\"status\":\"ok\"", "\"verdict\":\"online\"", "\"table\":\"" + TABLE + "\"", "\"line\":2");

            Osc destructive = check(db, "ALTER TABLE " + TABLE + " DROP COLUMN note;");
            assertThat(destructive.exit()).as(destructive.toString()).isEqualTo(3);
            assertThat(destructive.out()).contains("\"verdict\":\"refused\"", "drops column note and its data");

            Osc allowed = check(db, "-- osc:allow-destructive\nALTER TABLE " + TABLE + " DROP COLUMN note;");
            assertThat(allowed.exit()).as(allowed.toString()).isZero();

            Osc notAnAlter = check(db, "UPDATE " + TABLE + " SET v = 0;");
            assertThat(notAnAlter.exit()).as(notAnAlter.toString()).isEqualTo(2);
            assertThat(notAnAlter.out()).contains("not an ALTER TABLE statement");

            Osc rejected = check(db, "ALTER TABLE " + TABLE + " ADD COLUMN;");
            assertThat(rejected.exit()).as(rejected.toString()).isEqualTo(2);
            assertThat(rejected.err()).doesNotContain("\tat ");

            Osc human = Osc.run("check", "--url", db.url(), dir.resolve("V1__change.sql").toString());
            assertThat(human.out()).contains("V1__change.sql:1: bad-input");

            assertThat(db.fingerprint(TABLE)).as("check changes nothing").isEqualTo(before);
            Leaks.assertNone(db);
        } finally {
            db.exec("DROP TABLE IF EXISTS " + TABLE);
        }
    }
}
