package dev.osc.engine.migrate;

import dev.osc.engine.it.Osc;
import dev.osc.engine.scenario.Db;
import dev.osc.engine.scenario.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A migration directory on one test database: files written, {@code osc migrate} run, the history read back. */
final class MigrationFixture {
    static final List<String> TABLES = List.of("mg_a", "mg_b", "mg_c", "mg_d", "mg_new", "mg_block", "mg_api", "mg_demo",
            "mg_demo_oracle");

    final TestDatabase db;
    final Path dir;

    MigrationFixture(TestDatabase db, Path dir) {
        this.db = db;
        this.dir = dir;
    }

    boolean postgres() {
        return db.db() == Db.POSTGRES;
    }

    void clean() throws Exception {
        List<String> all = new ArrayList<>(TABLES);
        TABLES.forEach(t -> all.add("_" + t + "_osc_old"));
        all.add(HistoryTable.NAME);
        db.dropTables(all.toArray(new String[0]));
        if (postgres()) {
            db.exec("DROP FUNCTION IF EXISTS mg_f()");
        }
    }

    MigrationFixture file(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        return this;
    }

    void remove(String name) throws Exception {
        Files.delete(dir.resolve(name));
    }

    Osc migrate(String... extra) {
        List<String> args = new ArrayList<>(List.of("migrate", "--url", db.url(), "--dir", dir.toString(), "--json", "--quiet"));
        args.addAll(List.of(extra));
        return Osc.run(args.toArray(new String[0]));
    }

    /** Each history row as "kind version#statement strategy ok|failed", in the order written. */
    List<String> history() throws Exception {
        if (!db.tableExists(HistoryTable.NAME)) {
            return List.of();
        }
        return db.strings("SELECT CONCAT(kind, ' ', version, '#', statement_index, ' ', strategy, ' ', "
                + "CASE WHEN success THEN 'ok' ELSE 'failed' END) FROM " + HistoryTable.NAME + " ORDER BY installed_rank");
    }

    /** The SQL that holds this database's migrate lock on a session, as another migrate would. */
    String lockSql() {
        return postgres() ? "SELECT pg_advisory_lock(1473, 0)" : "SELECT GET_LOCK(CONCAT('osc-migrate:', SHA1(DATABASE())), 0)";
    }

    String sleepStatement() {
        return postgres() ? "SELECT pg_sleep(1)" : "DO SLEEP(1)";
    }

    String retype() {
        return postgres() ? "ALTER COLUMN v TYPE bigint" : "MODIFY v BIGINT";
    }

    void createTableWithRows(String table) throws Exception {
        db.exec(postgres() ? "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v int, note text)"
                        : "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v INT, note VARCHAR(100)) ENGINE=InnoDB",
                "INSERT INTO " + table + " (id, v, note) VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c')");
    }

    /** The values of {@code field} in each JSON object that starts with {@code "<first>":}, in order (null when absent). */
    static List<String> each(String json, String first, String field) {
        List<String> out = new ArrayList<>();
        String[] objects = json.split("\\{\"" + Pattern.quote(first) + "\":");
        Pattern value = Pattern.compile("\"" + Pattern.quote(field) + "\":(\"[^\"]*\"|[^,}\\]]*)");
        for (int i = 1; i < objects.length; i++) {
            Matcher m = value.matcher(objects[i]);
            out.add(m.find() ? m.group(1).replace("\"", "") : null);
        }
        return out;
    }
}
