package dev.osc.engine.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP: loopback only, the token or 401 with nothing changed, one-line 400s, the documented verbs. */
class AdminServerTest {
    private static final String TOKEN = "t0ken-for-the-test";
    private final Fixture f = new Fixture();

    @Test
    void withoutTheTokenEveryRequestIsRefusedAndNothingChanges() throws Exception {
        try (AdminServer admin = AdminServer.start(0, TOKEN, f.control)) {
            URI base = URI.create("http://127.0.0.1:" + admin.port());
            assertThat(send(base, "POST", "/pause", null).status()).isEqualTo(401);
            assertThat(send(base, "POST", "/pause", "Bearer wrong").status()).isEqualTo(401);
            assertThat(send(base, "POST", "/set?max-rows-per-second=1", "Bearer " + TOKEN.substring(1)).status()).isEqualTo(401);
            assertThat(send(base, "POST", "/abort", "bearer " + TOKEN).status()).isEqualTo(401);
            Answer status = send(base, "GET", "/status", null);
            assertThat(status.status()).isEqualTo(401);
            assertThat(status.body()).doesNotContain(TOKEN);
            assertThat(f.throttle.isPaused()).isFalse();
            assertThat(f.throttle.maxRowsPerSecond()).isEqualTo(500);
            f.control.abortIfAsked();
            assertThat(f.log).isEmpty();

            assertThat(send(base, "POST", "/pause", "Bearer " + TOKEN).body()).isEqualTo("{\"ok\":true,\"message\":\"paused\"}");
            assertThat(f.throttle.isPaused()).isTrue();
        }
    }

    @Test
    void servesTheVerbsAndRefusesBadValuesInOneLine() throws Exception {
        try (AdminServer admin = AdminServer.start(0, null, f.control)) {
            URI base = URI.create("http://127.0.0.1:" + admin.port());
            Answer bad = send(base, "POST", "/set?max-rows-per-second=-1", null);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"error\":\"max-rows-per-second must be 0 (unlimited) or more, got: -1\"}");
            assertThat(send(base, "POST", "/set?max-rows-per-second", null).status()).isEqualTo(400);
            assertThat(f.throttle.maxRowsPerSecond()).isEqualTo(500);
            assertThat(send(base, "POST", "/set?max-rows-per-second=800&chunk-target-ms=70", null).status()).isEqualTo(200);
            assertThat(f.throttle.maxRowsPerSecond()).isEqualTo(800);
            assertThat(send(base, "GET", "/pause", null).status()).isEqualTo(405);
            assertThat(send(base, "POST", "/status", null).status()).isEqualTo(405);
            assertThat(send(base, "GET", "/nothing", null).status()).isEqualTo(404);
            assertThat(send(base, "POST", "/cutover", null).status()).as("not postponed").isEqualTo(409);
            assertThat(send(base, "GET", "/status", null).body()).startsWith("{\"runId\":\"r1\",\"table\":\"s.t\",\"phase\":\"plan\"")
                    .contains("\"max-rows-per-second\":800", "\"chunk-target-ms\":70");
            Answer metrics = send(base, "GET", "/metrics", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE osc_rows_copied_total counter", "osc_setting_changes_total{setting=\"chunk-target-ms\",source=\"endpoint\"} 1.0");
            assertThat(send(base, "POST", "/abort", null).status()).isEqualTo(200);
            assertThatThrownBy(f.control::abortIfAsked).isInstanceOf(OscException.class);
        }
    }

    @Test
    void theClientMapsRefusalsToExitStatuses() throws Exception {
        try (AdminServer admin = AdminServer.start(0, TOKEN, f.control)) {
            URI base = URI.create("http://127.0.0.1:" + admin.port());
            assertThatThrownBy(() -> new AdminClient(base, "nope").post("/pause", "")).isInstanceOfSatisfying(OscException.class,
                    e -> assertThat(e.status()).isEqualTo(ExitStatus.REFUSED)).hasMessageContaining("answered 401").hasMessageNotContaining("nope");
            AdminClient client = new AdminClient(base, TOKEN);
            assertThatThrownBy(() -> client.post("/set", "chunk-target-ms=0")).isInstanceOfSatisfying(OscException.class,
                    e -> assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT)).hasMessageEndingWith("chunk-target-ms must be between 1 and 60000, got: 0");
            assertThatThrownBy(() -> client.post("/cutover", "")).isInstanceOfSatisfying(OscException.class,
                    e -> assertThat(e.status()).isEqualTo(ExitStatus.REFUSED));
            assertThat(client.post("/pause", "").body()).contains("paused");
            assertThat(f.log).containsExactly("paused the copy (through the admin endpoint (osc command line))");
        }
        assertThatThrownBy(() -> new AdminClient(URI.create("http://127.0.0.1:" + freePort()), null).get("/status"))
                .isInstanceOf(AdminClient.NotAnswering.class);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> other = nonLoopbackAddress();
        Assumptions.assumeTrue(other.isPresent(), "this host has no non-loopback IPv4 address to try");
        try (AdminServer admin = AdminServer.start(0, null, f.control)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), admin.port()), 2_000);
            }
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(other.get(), admin.port()), 2_000);
                }
            }).as("connecting on %s", other.get()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aPortInUseIsBadInput() throws Exception {
        try (AdminServer first = AdminServer.start(0, null, f.control)) {
            assertThatThrownBy(() -> AdminServer.start(first.port(), null, f.control)).isInstanceOfSatisfying(OscException.class,
                    e -> assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT)).hasMessageStartingWith("--admin-port " + first.port());
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            List<InetAddress> addresses = Collections.list(nic.getInetAddresses());
            for (InetAddress a : addresses) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    record Answer(int status, String body) {
    }

    private static Answer send(URI base, String method, String path, String authorization) throws IOException {
        HttpURLConnection http = (HttpURLConnection) base.resolve(path).toURL().openConnection();
        try {
            http.setRequestMethod(method);
            if (authorization != null) {
                http.setRequestProperty("Authorization", authorization);
            }
            if (method.equals("POST")) {
                http.setDoOutput(true);
                http.getOutputStream().close();
            }
            int status = http.getResponseCode();
            var in = status < 400 ? http.getInputStream() : http.getErrorStream();
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            http.disconnect();
        }
    }
}
