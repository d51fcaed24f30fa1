package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A password never shows anywhere a run leaves a trace: stdout, stderr and the JSON result, the
 * state row while the run goes, what the server shows about osc's sessions (application name,
 * query, connection attributes), the command line of the osc process as the OS shows it to every
 * local user, and the files osc writes. On both databases, with a user that has a password given
 * in the URL and through {@code --password-env}, for a run that completes and one whose copy
 * connection is killed (with OSC_DEBUG=1, so that exceptions and their causes are printed too).
 * osc runs as a user would start it: through the launcher {@code ./osc}, in a process of its own.
 */
class SecretsIT {
    private static final String USER = "osc_secrets_user";
    private static final String PASSWORD = "Pw-z8Kq3vX-osc";
    private static final String PASSWORD_VARIABLE = "OSC_SECRETS_IT_PASSWORD";
    private static final int ROWS = 20_000;

    enum Given { URL, ENVIRONMENT }

    enum Outcome { DONE, COPY_KILLED }

    @TestFactory
    Stream<DynamicNode> passwordNeverShows() {
        return Stream.of(Db.values()).map(db -> DynamicContainer.dynamicContainer(db.scheme(),
                Stream.of(Given.values()).flatMap(given -> Stream.of(Outcome.values()).map(outcome ->
                        DynamicTest.dynamicTest(given + " " + outcome, () -> {
                            if (db == Db.MARIADB) {
                                Assumptions.assumeTrue(MariaTestDatabase.available(), MariaTestDatabase.SKIPPED);
                            }
                            run(TestDatabase.of(db), given, outcome);
                        })))));
    }

    private static void run(TestDatabase db, Given given, Outcome outcome) throws Exception {
        String table = "secrets_" + given.name().toLowerCase() + "_" + outcome.name().toLowerCase();
        List<String> helpers = List.of(table, "_" + table + "_osc_old", "_" + table + "_osc_new", "_" + table + "_osc_state",
                "_" + table + "_osc_fence", "_" + table + "_osc_probe", table + "_osc_del");
        db.dropTables(helpers.toArray(new String[0]));
        db.exec(Shape.PLAIN.create(db.db(), table, ROWS).toArray(new String[0]));
        Login login = db.passwordLogin(USER, PASSWORD);
        db.handOver(table, USER);
        assertThatThrownBy(() -> DriverManager.getConnection(login.urlWithUser() + "&password=not-" + PASSWORD).close())
                .as("the server checks the password").isInstanceOf(SQLException.class);
        Path work = Files.createTempDirectory("osc-secrets-it");
        try {
            Traces traces = new Traces();
            Process osc = start(db, login, table, given, outcome, work);
            try {
                watch(db, table, osc, outcome, work.resolve("tmp"), traces);
                assertThat(osc.waitFor(120, TimeUnit.SECONDS)).as("osc ends").isTrue();
            } finally {
                osc.destroyForcibly();
            }
            String out = Files.readString(work.resolve("stdout"));
            String err = Files.readString(work.resolve("stderr"));
            traces.add("stdout", out);
            traces.add("stderr", err);
            traces.files(work.resolve("tmp"));
            traces.files(work.resolve("cwd"));
            String summary = "stdout: " + out + "\nstderr: " + err;
            assertThat(osc.exitValue()).as(summary).isEqualTo(outcome == Outcome.DONE ? 0 : 1);
            assertThat(out).as("the JSON result").contains(outcome == Outcome.DONE ? "\"status\":\"done\"" : "\"status\":\"failed\"");
            // what was looked at: a test that sees nothing cannot fail
            assertThat(traces.seen).as("places looked at").contains("state row", "server sessions", "command line");
            assertThat(traces.commandLines).as("the osc process's command line").anyMatch(c -> c.contains("OscMain"));
            assertThat(traces.leaks(PASSWORD)).as("places showing the password").isEmpty();
            assertThat(traces.leaks(PASSWORD_VARIABLE + "=")).as("places showing the password's variable").isEmpty();
        } finally {
            deleteTree(work);
            db.dropTables(helpers.toArray(new String[0]));
            assertThat(Leaks.awaitNone(db, Set.of())).as("left behind").isEmpty();
        }
    }

    /**
     * {@code ./osc alter ... --execute --json} from a copy of the launcher with an empty jar beside
     * it (so it never builds) and a {@code java} on the PATH that runs the test's classes instead of
     * that jar, with the same arguments: what the OS shows is what the launcher exec'ed.
     */
    private static Process start(TestDatabase db, Login login, String table, Given given, Outcome outcome, Path work)
            throws IOException {
        Path root = work.resolve("launcher");
        Files.createDirectories(root.resolve("engine/target"));
        Files.createFile(root.resolve("engine/target/osc.jar"));
        Path launcher = Files.copy(LauncherTest.script(), root.resolve("osc"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        LauncherTest.executable(bin.resolve("java"), "#!/usr/bin/env bash\n"
                + "opts=()\nwhile [ \"$1\" != -jar ]; do opts+=(\"$1\"); shift; done\nshift 2\n"
                + "exec '" + realJava + "' \"${opts[@]}\" -cp \"$OSC_TEST_CLASSPATH\" dev.osc.engine.cli.OscMain \"$@\"\n");
        LauncherTest.executable(bin.resolve("mvn"), "#!/bin/sh\necho 'the test must not build' >&2\nexit 1\n");
        Files.createDirectories(work.resolve("tmp"));
        Files.createDirectories(work.resolve("cwd"));

        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString(), "alter", "--url",
                given == Given.URL ? login.urlWithPassword() : login.urlWithUser(),
                "--table", table, "--alter", db.db() == Db.POSTGRES ? "ALTER COLUMN v TYPE bigint" : "MODIFY v BIGINT",
                "--execute", "--json", "--strategy", "shadow", "--drop-old", "--max-rows-per-second", "5000",
                "--chunk-target-ms", "50"));
        if (given == Given.ENVIRONMENT) {
            cmd.addAll(List.of("--password-env", PASSWORD_VARIABLE));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.resolve("cwd").toFile())
                .redirectOutput(work.resolve("stdout").toFile()).redirectError(work.resolve("stderr").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("OSC_TEST_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("OSC_JAVA_OPTS", "-Xmx512m -Djava.io.tmpdir=" + work.resolve("tmp"));
        if (given == Given.ENVIRONMENT) {
            pb.environment().put(PASSWORD_VARIABLE, PASSWORD);
        }
        if (outcome == Outcome.COPY_KILLED) {
            pb.environment().put("OSC_DEBUG", "1");
        }
        return pb.start();
    }

    /** Until osc ends: the state row, osc's sessions on the server, the process's command line, the files osc has open in its temp dir. */
    private static void watch(TestDatabase db, String table, Process osc, Outcome outcome, Path tmp, Traces traces) throws Exception {
        String state = db.quote("_" + table + "_osc_state");
        boolean killed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (osc.isAlive() && System.nanoTime() < deadline) {
            traces.commandLine(osc.pid());
            List<String> stateRows = rows(db, "SELECT * FROM " + state);
            if (!stateRows.isEmpty()) {
                traces.add("state row", String.join("\n", stateRows));
            }
            traces.add("server sessions", String.join("\n", sessions(db)));
            traces.files(tmp);
            if (outcome == Outcome.COPY_KILLED && !killed && !stateRows.isEmpty()
                    && db.number("SELECT rows_copied FROM " + state) > 0) {
                killed = db.killConnections("osc copy %") == 1;
            }
            Thread.sleep(50);
        }
        if (outcome == Outcome.COPY_KILLED) {
            assertThat(killed).as("the copy connection was killed mid-copy").isTrue();
        }
    }

    /** Every column of every row, as text; empty when the query fails (the table is not there yet, or any more). */
    private static List<String> rows(TestDatabase db, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(meta.getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(row.toString());
            }
        } catch (SQLException e) {
            return List.of();
        }
        return out;
    }

    /** What the server shows every user about the sessions: names, current statements, connection attributes. */
    private static List<String> sessions(TestDatabase db) {
        if (db.db() == Db.POSTGRES) {
            return rows(db, "SELECT application_name, usename, query FROM pg_stat_activity WHERE pid <> pg_backend_pid()");
        }
        List<String> out = new ArrayList<>(rows(db, "SELECT USER, HOST, DB, COMMAND, INFO FROM information_schema.PROCESSLIST "
                + "WHERE ID <> CONNECTION_ID()"));
        out.addAll(rows(db, "SELECT ATTR_NAME, ATTR_VALUE FROM performance_schema.session_connect_attrs"));
        return out;
    }

    /** Everything looked at, by place. */
    private static final class Traces {
        final Set<String> seen = new LinkedHashSet<>();
        final Set<String> commandLines = new LinkedHashSet<>();
        private final List<String[]> texts = new ArrayList<>();

        void add(String place, String text) {
            if (!text.isEmpty()) {
                seen.add(place);
                texts.add(new String[] {place, text});
            }
        }

        /** {@code /proc/<pid>/cmdline}, once the launcher has become the JVM (before that it is the launcher's own, for milliseconds). */
        void commandLine(long pid) {
            try {
                String line = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                if (line.contains("OscMain")) {
                    commandLines.add(line);
                    add("command line", line);
                }
            } catch (IOException e) {
                // the process has just ended
            }
        }

        /** Every file under {@code dir} (osc's temp dir or working directory); one deleted while read is skipped. */
        void files(Path dir) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    try {
                        add("file " + dir.relativize(f), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        // removed by osc meanwhile
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // a file vanished while walking: seen on the next pass
            }
        }

        List<String> leaks(String secret) {
            return texts.stream().filter(t -> t[1].contains(secret)).map(t -> {
                int at = t[1].indexOf(secret);
                return t[0] + ": ..." + t[1].substring(Math.max(0, at - 80), Math.min(t[1].length(), at + secret.length() + 40)) + "...";
            }).distinct().toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
