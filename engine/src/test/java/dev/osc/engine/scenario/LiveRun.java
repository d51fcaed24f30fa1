package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.it.Osc;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's {@code alter --execute --json} in a JVM of its own, with extra flags and
 * environment, steered through its admin endpoint while it runs; closing it kills what is left.
 */
final class LiveRun implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern PORT = Pattern.compile("admin endpoint on http://127\\.0\\.0\\.1:(\\d+)");

    private final Stage stage;
    private final Process process;
    private final Path out;
    private final Path err;
    private int port;

    private LiveRun(Stage stage, Process process, Path out, Path err) {
        this.stage = stage;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static LiveRun start(Stage stage, Map<String, String> env, String... flags) throws IOException {
        List<String> cmd = new ArrayList<>(stage.processCommand());
        cmd.add("--json");
        cmd.addAll(List.of(flags));
        Path out = Files.createTempFile("osc-control", ".out");
        Path err = Files.createTempFile("osc-control", ".err");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        return new LiveRun(stage, builder.start(), out, err);
    }

    /** The port the run printed at start. */
    int port() throws Exception {
        if (port == 0) {
            await().atMost(WAIT).until(() -> !process.isAlive() || PORT.matcher(err()).find());
            Matcher m = PORT.matcher(err());
            assertThat(m.find()).as("the run prints its admin port: %s", err()).isTrue();
            port = Integer.parseInt(m.group(1));
        }
        return port;
    }

    URI admin() throws Exception {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Waits until the copy has committed a chunk and the run still copies. */
    void awaitCopying() throws Exception {
        await().atMost(WAIT).ignoreExceptions().until(() -> !process.isAlive() || rowsCopied() > 0);
        assertThat(process.isAlive()).as("osc still copies: %s", err()).isTrue();
    }

    /** Rows copied as the run's state row has them. */
    long rowsCopied() throws Exception {
        return stage.db().number("SELECT rows_copied FROM " + stage.db().quote(stage.stateTable()));
    }

    String phase() throws Exception {
        return stage.db().strings("SELECT phase FROM " + stage.db().quote(stage.stateTable())).get(0);
    }

    boolean alive() {
        return process.isAlive();
    }

    String err() throws IOException {
        return Files.readString(err);
    }

    /** Waits for stderr to show {@code line}. */
    void awaitErr(String line) throws Exception {
        await().atMost(WAIT).until(() -> !process.isAlive() || err().contains(line));
        assertThat(err()).contains(line);
    }

    /** Waits for the run to end; its exit status and output. */
    Osc finish() throws Exception {
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("osc ends: %s", err()).isTrue();
        return new Osc(process.exitValue(), Files.readString(out), err());
    }

    /** One request to the endpoint; its status and body. */
    Http request(String method, String path, String token) throws Exception {
        return Http.send(admin().resolve(path), method, token);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }

    /** An HTTP answer. */
    record Http(int status, String body) {
        static Http send(URI uri, String method, String token) throws IOException {
            HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
            try {
                http.setRequestMethod(method);
                http.setConnectTimeout(10_000);
                http.setReadTimeout(10_000);
                if (token != null) {
                    http.setRequestProperty("Authorization", "Bearer " + token);
                }
                if (method.equals("POST")) {
                    http.setDoOutput(true);
                    http.getOutputStream().close();
                }
                int status = http.getResponseCode();
                var in = status < 400 ? http.getInputStream() : http.getErrorStream();
                return new Http(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                http.disconnect();
            }
        }

        /** A number field of the JSON body. */
        long number(String name) {
            return Long.parseLong(new Osc(0, body, "").field(name));
        }

        String field(String name) {
            return new Osc(0, body, "").field(name);
        }
    }
}
