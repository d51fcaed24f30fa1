package dev.osc.engine.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A run's admin endpoint on 127.0.0.1 only: {@code GET /status} (JSON), {@code GET /metrics}
 * (Prometheus text), {@code POST /pause}, {@code /resume}, {@code /set?KEY=VALUE&...} (or the
 * same as a form body), {@code /cutover}, {@code /abort}. With a token every request must carry
 * {@code Authorization: Bearer <token>}, else 401 and nothing changes. Answers are JSON (metrics
 * aside): {@code {"ok":true,"message":...}} or {@code {"error":...}} with 400 (bad value),
 * 401, 404, 405 or 409 (refused in this state).
 */
public final class AdminServer implements AutoCloseable {
    /** The header the osc command line sends, so that the log names it as the source. */
    public static final String CLIENT_HEADER = "X-Osc-Client";

    private static final Set<String> PATHS = Set.of("/status", "/metrics", "/pause", "/resume", "/set", "/cutover", "/abort", "/revert");

    private final HttpServer server;
    private final ExecutorService executor;
    private final RunControl control;
    private final byte[] token;

    private AdminServer(HttpServer server, ExecutorService executor, RunControl control, String token) {
        this.server = server;
        this.executor = executor;
        this.control = control;
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Serves {@code control} on 127.0.0.1:{@code port} (0: an ephemeral port); a port in use is bad input (exit 2). */
    public static AdminServer start(int port, String token, RunControl control) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (BindException e) {
            throw OscException.badInput("--admin-port " + port + ": the port is in use on 127.0.0.1 (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw OscException.badInput("--admin-port " + port + ": cannot listen on 127.0.0.1: " + e.getMessage());
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "osc-admin");
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(server, executor, control, token);
        server.setExecutor(executor);
        server.createContext("/", admin::handle);
        server.start();
        return admin;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                json(exchange, 401, error("a valid token is required: Authorization: Bearer <token> (--admin-token-env)"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean get = path.equals("/status") || path.equals("/metrics");
            if (!PATHS.contains(path)) {
                json(exchange, 404, error("no such resource: " + path + " (GET /status, /metrics; POST /pause, /resume, /set, /cutover, /abort, /revert)"));
                return;
            }
            if (!method.equals(get ? "GET" : "POST")) {
                exchange.getResponseHeaders().set("Allow", get ? "GET" : "POST");
                json(exchange, 405, error(path + " takes " + (get ? "GET" : "POST")));
                return;
            }
            Source source = exchange.getRequestHeaders().containsKey(CLIENT_HEADER) ? Source.CLI : Source.ENDPOINT;
            try {
                switch (path) {
                    case "/status" -> json(exchange, 200, RunResult.Json.write(control.status()));
                    case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", control.metrics().scrape());
                    case "/pause" -> ok(exchange, control.pause(source));
                    case "/resume" -> ok(exchange, control.resume(source));
                    case "/set" -> ok(exchange, control.set(values(exchange), source));
                    case "/cutover" -> ok(exchange, control.cutover(source));
                    case "/revert" -> ok(exchange, control.revert(source));
                    default -> ok(exchange, control.abort(source));
                }
            } catch (IllegalArgumentException e) {
                json(exchange, 400, error(e.getMessage()));
            } catch (IllegalStateException e) {
                json(exchange, 409, error(e.getMessage()));
            } catch (RuntimeException e) {
                json(exchange, 500, error("the run could not answer: " + e));
            }
        }
    }

    /** Compared in constant time; without a token every request is allowed. */
    private boolean authorized(HttpExchange exchange) {
        if (token == null) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code KEY=VALUE} pairs from the query and the body, separated by {@code &} or new lines. */
    private static Map<String, String> values(HttpExchange exchange) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        for (String pair : ((query == null ? "" : query) + "&" + body).split("[&\\n\\r]+")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected KEY=VALUE, got: " + decode(pair));
            }
            values.put(decode(pair.substring(0, eq)).trim(), decode(pair.substring(eq + 1)).trim());
        }
        return values;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String error(String message) {
        return RunResult.Json.write(Map.of("error", message));
    }

    private static void ok(HttpExchange exchange, String message) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("message", message);
        json(exchange, 200, RunResult.Json.write(m));
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening at once and ends its thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
