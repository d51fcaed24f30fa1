package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link TestDatabase#databaseFingerprint} sees every kind of change a run could make by mistake
 * anywhere in the schema, so that {@link Checks#databaseUnchanged} can fail.
 */
class DatabaseFingerprintIT {
    private static final String T = "fp_table";
    private static final String OTHER = "fp_other";

    @TestFactory
    Stream<DynamicTest> fingerprintSeesEveryChange() {
        return Stream.of(Db.values()).map(db -> DynamicTest.dynamicTest(db.scheme(), () -> {
            if (db == Db.MARIADB) {
                Assumptions.assumeTrue(MariaTestDatabase.available(), MariaTestDatabase.SKIPPED);
            }
            sees(TestDatabase.of(db));
        }));
    }

    private static void sees(TestDatabase db) throws Exception {
        boolean pg = db.db() == Db.POSTGRES;
        List<String> changes = List.of(
                "UPDATE " + T + " SET note = 'changed' WHERE id = 3",
                "DELETE FROM " + OTHER,
                "ALTER TABLE " + T + " ALTER COLUMN note SET DEFAULT 'd'",
                "CREATE INDEX fp_index ON " + OTHER + " (id)",
                "ALTER TABLE " + OTHER + " ADD CONSTRAINT fp_check CHECK (id > 0)",
                "CREATE VIEW fp_view AS SELECT id FROM " + T,
                pg ? "CREATE TABLE fp_new (LIKE " + T + " INCLUDING ALL)" : "CREATE TABLE fp_new LIKE " + T,
                // the same rows and definition under the old name, but another table: what a swap leaves
                "INSERT INTO fp_new SELECT * FROM " + T);
        db.exec("DROP VIEW IF EXISTS fp_view");
        db.dropTables(T, OTHER, "fp_new", "fp_old");
        try {
            db.exec(Shape.PLAIN.create(db.db(), T, 10).toArray(new String[0]));
            db.exec(Shape.PLAIN.create(db.db(), OTHER, 5).toArray(new String[0]));
            assertThat(db.databaseFingerprint()).as("stable when nothing changes").isEqualTo(db.databaseFingerprint());
            for (String change : changes) {
                String before = db.databaseFingerprint();
                db.exec(change);
                assertThat(db.databaseFingerprint()).as("after %s", change).isNotEqualTo(before);
            }
            db.exec("DROP VIEW fp_view");
            String before = db.databaseFingerprint();
            db.exec(pg ? "ALTER TABLE " + T + " RENAME TO fp_old" : "RENAME TABLE " + T + " TO fp_old",
                    pg ? "ALTER TABLE fp_new RENAME TO " + T : "RENAME TABLE fp_new TO " + T,
                    pg ? "ALTER TABLE fp_old RENAME TO fp_new" : "RENAME TABLE fp_old TO fp_new");
            assertThat(db.databaseFingerprint()).as("after swapping two equal tables").isNotEqualTo(before);
        } finally {
            db.exec("DROP VIEW IF EXISTS fp_view");
            db.dropTables(T, OTHER, "fp_new", "fp_old");
        }
    }
}
