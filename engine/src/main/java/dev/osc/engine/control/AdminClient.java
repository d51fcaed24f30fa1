package dev.osc.engine.control;

import dev.osc.engine.run.OscException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The command line's side of a run's admin endpoint: one request, its answer. The endpoint's
 * refusals become the documented exit statuses: 400 bad input (2); 401, 409 and a run that does not
 * answer are refused (3); anything else failed (1). The token is sent, never shown.
 */
public final class AdminClient {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final URI base;
    private final String token;

    /** {@code base}: {@code http://127.0.0.1:PORT}; {@code token}: null when none is needed. */
    public AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public URI base() {
        return base;
    }

    /** Nothing listens at the endpoint: the run has ended (or runs elsewhere); refused (exit 3). */
    public static final class NotAnswering extends OscException {
        NotAnswering(URI base) {
            super(dev.osc.engine.run.ExitStatus.REFUSED, "no run answers at " + base + " (it has ended, or runs on another host)");
        }
    }

    /** An answer with status 200. */
    public record Answer(int status, String body) {
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, String body) {
        return send("POST", path, body);
    }

    private Answer send(String method, String path, String body) {
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            http.setRequestMethod(method);
            http.setRequestProperty(AdminServer.CLIENT_HEADER, "osc");
            if (token != null) {
                http.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null) {
                http.setDoOutput(true);
                http.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = http.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = http.getResponseCode();
            String text;
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (status == 200) {
                return new Answer(status, text);
            }
            String message = "the admin endpoint at " + base + " answered " + status + ": " + field(text, "error");
            throw switch (status) {
                case 400 -> OscException.badInput(message);
                case 401, 409 -> OscException.refused(message);
                default -> OscException.failed(message, null);
            };
        } catch (ConnectException e) {
            throw new NotAnswering(base);
        } catch (IOException e) {
            throw OscException.failed("the admin endpoint at " + base + " did not answer: " + e.getMessage(), e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    /** A string field of an endpoint's JSON answer ({@code message}, {@code error}); the whole text when it has none. */
    public static String field(String body, String name) {
        String marker = "\"" + name + "\":\"";
        int at = body.indexOf(marker);
        if (at < 0) {
            return body.strip();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = at + marker.length(); i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                sb.append(body.charAt(++i));
            } else if (c == '"') {
                break;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
