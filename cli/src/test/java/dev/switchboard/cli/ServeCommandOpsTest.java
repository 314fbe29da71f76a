package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sb serve} exposes the operational endpoints beside MCP, or on {@code admin.port}. The
 * command serves until the process ends, so each runs on a daemon thread the test JVM drops.
 */
class ServeCommandOpsTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void serve_httpListener_servesHealthReadyMetricsDashboardAndMcp() throws Exception {
        int port = freePort();
        serveInBackground("serve", "--port", Integer.toString(port));
        String base = "http://127.0.0.1:" + port;
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(base + "/health").statusCode() == 200);
        assertThat(get(base + "/ready").statusCode()).isEqualTo(200);
        assertThat(get(base + "/metrics").body()).contains("mcp_sessions", "switchboard_queue_depth{subsystem=\"tools\"}");
        assertThat(get(base + "/").body()).contains("<canvas");
        HttpResponse<String> init = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(get(base + "/metrics").body()).contains("mcp_requests_seconds_count{method=\"initialize\",outcome=\"ok\",tool=\"\"} 1");
    }

    @Test
    void serve_adminPort_endpointsMoveOffTheMcpListener() throws Exception {
        int port = freePort(), admin = freePort();
        serveInBackground("serve", "--port", Integer.toString(port), "--set", "admin.port=" + admin);
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get("http://127.0.0.1:" + admin + "/health").statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get("http://127.0.0.1:" + port + "/health").statusCode() == 404);
    }

    private static void serveInBackground(String... args) {
        Thread t = new Thread(() -> new CommandLine(new Sb()).execute(args), "sb-serve-under-test");
        t.setDaemon(true);
        t.start();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
