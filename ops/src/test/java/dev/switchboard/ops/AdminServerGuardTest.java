package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transport.ConnectionSettings;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The admin listener builds its pipeline with the same connection guard as the MCP listener: deadlines and caps apply there too. */
class AdminServerGuardTest {
    @Test
    void adminPort_silentConnectionIsCut_andOneBeyondTheCapIsRefused() throws Exception {
        // long enough that the silent connection still holds the only place when the second one comes
        Duration headers = Duration.ofSeconds(2);
        ConnectionSettings connections = ConnectionSettings.defaults().withTimeouts(headers, headers, headers).withCaps(1, 1);
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults());
             AdminServer admin = AdminServer.start("127.0.0.1", 0, demo.ops.routes(), connections);
             Socket silent = new Socket("127.0.0.1", admin.port())) {
            silent.setSoTimeout(5_000);
            // give the silent connection its place first; on a loaded machine it may still lose the race to the second
            // (connections land on different event loops), so the assertions take either order
            Thread.sleep(300);
            try (Socket extra = new Socket("127.0.0.1", admin.port())) {
                extra.setSoTimeout(5_000);
                extra.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String extraAnswer = readToEnd(extra.getInputStream());
                String silentAnswer = readToEnd(silent.getInputStream());
                if (extraAnswer.startsWith("HTTP/1.1 503")) {
                    assertThat(extraAnswer).contains("http.maxConnections");
                    assertThat(silentAnswer).startsWith("HTTP/1.1 408").contains("http.headerTimeoutMs");
                } else {
                    assertThat(silentAnswer).startsWith("HTTP/1.1 503").contains("http.maxConnections");
                    assertThat(extraAnswer).startsWith("HTTP/1.1 200");
                }
            }
        }
    }

    @Test
    void adminPort_cutConnection_isCountedOnMetricsApartFromTheMcpListener() throws Exception {
        Duration headers = Duration.ofMillis(300);
        ConnectionSettings connections = ConnectionSettings.defaults().withTimeouts(headers, headers, headers);
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults());
             AdminServer admin = AdminServer.start("127.0.0.1", 0, demo.ops.routes(), connections)) {
            demo.ops.bindAdmin(admin.traffic());
            try (Socket silent = new Socket("127.0.0.1", admin.port())) {
                silent.setSoTimeout(5_000);
                assertThat(readToEnd(silent.getInputStream())).startsWith("HTTP/1.1 408");
            }
            HttpResponse<String> metrics;
            try (HttpClient client = HttpClient.newHttpClient()) {
                metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            }
            assertThat(metrics.body()).contains("switchboard_admin_connections_closed_total{reason=\"header_timeout\"} 1.0")
                    .contains("switchboard_admin_connections_refused_total{reason=\"max_connections\"} 0.0");
        }
    }

    private static String readToEnd(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
