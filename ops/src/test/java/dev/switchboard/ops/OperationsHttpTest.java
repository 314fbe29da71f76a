package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transport.ConnectionSettings;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OperationsHttpTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void health_get_answersUpJsonAndIsCachedForAtMost100ms() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            HttpResponse<String> first = demo.get("/health");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("content-type")).contains("application/json");
            assertThat(JSON.readTree(first.body()).get("status").asString()).isEqualTo("up");
            Thread.sleep(150);
            long before = JSON.readTree(first.body()).get("uptimeMs").asLong();
            assertThat(JSON.readTree(demo.get("/health").body()).get("uptimeMs").asLong()).isGreaterThan(before);
        }
    }

    @Test
    void ready_allSubsystemsUp_200WithEachCheck() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            HttpResponse<String> r = demo.get("/ready");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("ready").asBoolean()).isTrue();
            List<String> names = body.get("checks").valueStream().map(c -> c.get("name").asString()).toList();
            assertThat(names).contains("kernel/tools", "kernel/resources", "kernel/prompts", "kernel/completion");
            for (JsonNode c : body.get("checks")) {
                assertThat(c.has("metric")).isTrue();
                assertThat(c.get("latencyMs").asDouble()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void ready_failingAndHangingChecks_503NamingThemWithinTheTimeout() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults().withReadyTimeout(Duration.ofMillis(300)))) {
            demo.ops.addReadinessCheck(ReadinessCheck.of("nats", () -> new ReadinessCheck.Readiness(false, 42, "not connected")));
            demo.ops.addReadinessCheck(ReadinessCheck.of("slow", () -> {
                Thread.sleep(5_000);
                return new ReadinessCheck.Readiness(true, 0, "late");
            }));
            long start = System.nanoTime();
            HttpResponse<String> r = demo.get("/ready");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(r.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("ready").asBoolean()).isFalse();
            JsonNode nats = find(body, "nats"), slow = find(body, "slow");
            assertThat(nats.get("ready").asBoolean()).isFalse();
            assertThat(nats.get("metric").asDouble()).isEqualTo(42);
            assertThat(slow.get("detail").asString()).contains("300 ms", "ready.timeoutMs");
            assertThat(find(body, "kernel/tools").get("ready").asBoolean()).isTrue();
        }
    }

    @Test
    void metrics_afterToolCalls_countByMethodToolAndOutcomeWithHistogramsAndJvm() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            String session = demo.initialize();
            for (int i = 1; i <= 5; i++) assertThat(demo.mcp(session, ServedDemo.add(i, i, 1)).body()).contains("\"result\"");
            assertThat(demo.mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\",\"arguments\":{}}}").body())
                    .contains("-32602");
            HttpResponse<String> r = demo.get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            String text = r.body();
            assertThat(value(text, "mcp_requests_seconds_count{method=\"tools/call\",outcome=\"ok\",tool=\"add\"}")).isEqualTo(5);
            assertThat(value(text, "mcp_requests_seconds_count{method=\"tools/call\",outcome=\"invalid_params\",tool=\"nope\"}")).isEqualTo(1);
            assertThat(value(text, "mcp_requests_seconds_count{method=\"initialize\",outcome=\"ok\",tool=\"\"}")).isEqualTo(1);
            assertThat(text).contains("mcp_requests_seconds_bucket{method=\"tools/call\",outcome=\"ok\",tool=\"add\",le=");
            assertThat(value(text, "mcp_sessions")).isEqualTo(1);
            assertThat(value(text, "mcp_requests_inflight")).isEqualTo(0);
            assertThat(value(text, "switchboard_queue_depth{subsystem=\"tools\"}")).isEqualTo(0);
            assertThat(value(text, "switchboard_http_bytes_in_total")).isGreaterThan(500);
            assertThat(value(text, "switchboard_http_bytes_out_total")).isGreaterThan(500);
            assertThat(value(text, "switchboard_cache_hits_total{cache=\"route\"}")).isGreaterThanOrEqualTo(4);
            assertThat(text).contains("switchboard_dropped_total{reason=\"dropped_oldest\"}", "switchboard_cache_hit_ratio{cache=\"idempotency\"}",
                    "switchboard_http_sse_streams", "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage", "jvm_gc_");
        }
    }

    @Test
    void metrics_toolThrowsOrRefusesItsInput_countedAsToolErrorAndInTheDashboardsErrors() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            demo.server.addTool(dev.switchboard.mcp.protocol.Tools.Tool.of("boom", "always fails", JSON.createObjectNode().put("type", "object")), (args, ctx) -> {
                throw new IllegalStateException("the disk is on fire");
            });
            String session = demo.initialize();
            assertThat(demo.mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"boom\",\"arguments\":{}}}").body())
                    .contains("\"isError\":true");
            assertThat(demo.mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":\"x\",\"b\":1}}}").body())
                    .contains("\"isError\":true");
            assertThat(demo.mcp(session, ServedDemo.add(4, 1, 1)).body()).doesNotContain("isError");
            String text = demo.get("/metrics").body();
            assertThat(value(text, "mcp_requests_seconds_count{method=\"tools/call\",outcome=\"tool_error\",tool=\"boom\"}")).isEqualTo(1);
            assertThat(value(text, "mcp_requests_seconds_count{method=\"tools/call\",outcome=\"tool_error\",tool=\"add\"}")).isEqualTo(1);
            assertThat(value(text, "mcp_requests_seconds_count{method=\"tools/call\",outcome=\"ok\",tool=\"add\"}")).isEqualTo(1);
            assertThat(text).doesNotContain("outcome=\"ok\",tool=\"boom\"");
            assertThat(demo.ops.requestErrors()).isEqualTo(2);
        }
    }

    @Test
    void metrics_everyMetric_hasHelpText() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            demo.mcp(demo.initialize(), ServedDemo.add(2, 1, 1));
            List<String> emptyHelp = demo.get("/metrics").body().lines().filter(l -> l.startsWith("# HELP ") && l.split(" ", 4).length < 4 || l.matches("# HELP \\S+ *")).toList();
            assertThat(emptyHelp).isEmpty();
        }
    }

    @Test
    void unknownPathsAndWrongMethods_structuredJsonErrors() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            HttpResponse<String> missing = demo.get("/nothing-here");
            assertThat(missing.statusCode()).isEqualTo(404);
            JsonNode error = JSON.readTree(missing.body()).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(-32601);
            assertThat(error.get("message").asString()).contains("/nothing-here");
            HttpResponse<String> post = demo.send(HttpRequest.newBuilder(URI.create(demo.base() + "/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")));
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(JSON.readTree(post.body()).get("error").get("message").asString()).contains("POST", "/metrics");
        }
    }

    @Test
    void foreignHost_403LikeTheMcpEndpoint() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults());
             java.net.Socket socket = new java.net.Socket("127.0.0.1", demo.listener.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: evil.example:80\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 403");
        }
    }

    @Test
    void statelessEra_requestsObservedWithoutSession() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
            HttpResponse<String> r = demo.mcp(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}," + meta + "}}",
                    "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "add");
            assertThat(r.body()).contains("\"result\"");
            assertThat(value(demo.get("/metrics").body(), "mcp_requests_seconds_count{method=\"tools/call\",outcome=\"ok\",tool=\"add\"}")).isEqualTo(1);
        }
    }

    @Test
    void mcpPath_getWithEventStream_isStillTheMcpStream() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            HttpResponse<String> noSession = demo.send(HttpRequest.newBuilder(URI.create(demo.base() + "/mcp")).header("Accept", "text/event-stream"));
            assertThat(noSession.statusCode()).isEqualTo(400);
            assertThat(noSession.body()).contains("Mcp-Session-Id");
            String session = demo.initialize();
            HttpResponse<java.io.InputStream> stream = demo.http.send(HttpRequest.newBuilder(URI.create(demo.base() + "/mcp"))
                    .header("Accept", "text/event-stream").header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> value(demo.get("/metrics").body(), "switchboard_http_sse_streams") >= 1);
            stream.body().close();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> value(demo.get("/metrics").body(), "switchboard_http_sse_streams") == 0);
            HttpResponse<java.io.InputStream> feed = demo.http.send(HttpRequest.newBuilder(URI.create(demo.base() + "/dashboard/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(new String(feed.body().readNBytes(6), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("data: ");
            String metrics = demo.get("/metrics").body();
            assertThat(value(metrics, "switchboard_dashboard_viewers")).isEqualTo(1);
            assertThat(value(metrics, "switchboard_http_sse_streams")).as("the dashboard feed is not an MCP stream").isEqualTo(0);
            feed.body().close();
            HttpResponse<String> page = demo.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<canvas", "dashboard/events").doesNotContain("http://", "https://");
        }
    }

    @Test
    void accessLog_oneJsonLinePerRequestWithMethodToolOutcomeLatencyAndSession(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.jsonl");
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults().withAccessLog(true, log.toString()))) {
            String session = demo.initialize();
            demo.mcp(session, ServedDemo.add(1, 2, 3));
            demo.mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope/nope\"}");
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        JsonNode call = JSON.readTree(lines.get(1));
        assertThat(call.get("method").asString()).isEqualTo("tools/call");
        assertThat(call.get("tool").asString()).isEqualTo("add");
        assertThat(call.get("outcome").asString()).isEqualTo("ok");
        assertThat(call.get("latencyMs").asDouble()).isGreaterThan(0);
        assertThat(call.get("session").asString()).isNotBlank();
        JsonNode unknown = JSON.readTree(lines.get(2));
        assertThat(unknown.get("outcome").asString()).isEqualTo("method_not_found");
        assertThat(unknown.get("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void adminPort_servesTheEndpointsApartFromMcp() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults());
             AdminServer admin = AdminServer.start("127.0.0.1", 0, demo.ops.routes())) {
            String base = "http://127.0.0.1:" + admin.port();
            HttpResponse<String> health = demo.send(HttpRequest.newBuilder(URI.create(base + "/health")));
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> mcp = demo.send(HttpRequest.newBuilder(URI.create(base + "/mcp")));
            assertThat(mcp.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(mcp.body()).get("error").get("message").asString()).contains("/mcp");
        }
    }

    @Test
    void metrics_connectionsCutByTheHeaderTimeoutAndRefusedAtTheAddressCap_countedByReasonWithHelpAndOnTheDashboardFeed() throws Exception {
        // the header timeout is long enough for the fourth connection to find the three others still open, even on a loaded machine
        ConnectionSettings connections = ConnectionSettings.defaults().withCaps(100, 3).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30));
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults(), null, connections)) {
            // four connections from one address with a cap of three: one is refused; which one is the event loops'
            // business (connections land on different loops, so admission order need not be connect order)
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) sockets.add(rawConnection(demo));
                List<String> answers = new ArrayList<>();
                for (Socket s : sockets) answers.add(readToEnd(s));
                assertThat(answers).filteredOn(a -> a.startsWith("HTTP/1.1 503")).hasSize(1).allMatch(a -> a.contains("http.maxConnectionsPerAddress"));
                assertThat(answers).filteredOn(a -> a.startsWith("HTTP/1.1 408")).hasSize(3).allMatch(a -> a.contains("http.headerTimeoutMs"));
            } finally {
                for (Socket s : sockets) s.close();
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> demo.listener.traffic().openConnections() == 0);
            String metrics = demo.get("/metrics").body();
            assertThat(value(metrics, "switchboard_http_connections_closed_total{reason=\"header_timeout\"}")).isEqualTo(3);
            assertThat(value(metrics, "switchboard_http_connections_closed_total{reason=\"body_timeout\"}")).isZero();
            assertThat(value(metrics, "switchboard_http_connections_closed_total{reason=\"idle_timeout\"}")).isZero();
            assertThat(value(metrics, "switchboard_http_connections_closed_total{reason=\"slow_reader\"}")).isZero();
            assertThat(value(metrics, "switchboard_http_connections_refused_total{reason=\"max_connections_per_address\"}")).isEqualTo(1);
            assertThat(value(metrics, "switchboard_http_connections_refused_total{reason=\"max_connections\"}")).isZero();
            assertThat(metrics).containsPattern("(?m)^# HELP switchboard_http_connections_closed_total \\S.*timeout")
                    .containsPattern("(?m)^# HELP switchboard_http_connections_refused_total \\S.*cap");
            HttpResponse<java.io.InputStream> feed = demo.http.send(HttpRequest.newBuilder(URI.create(demo.base() + "/dashboard/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(feed.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                // the first event is the latest second, computed up to a second ago: read until one is taken after the cuts
                JsonNode snapshot = null;
                for (int seconds = 0; seconds < 5 && (snapshot == null || snapshot.get("connectionsClosed").get("header_timeout").asLong() < 3); ) {
                    String line = lines.readLine();
                    if (line == null) break;
                    if (!line.startsWith("data: ")) continue;
                    snapshot = JSON.readTree(line.substring("data: ".length()));
                    seconds++;
                }
                assertThat(snapshot).isNotNull();
                assertThat(snapshot.get("connectionsClosed").get("header_timeout").asLong()).isEqualTo(3);
                assertThat(snapshot.get("connectionsRefused").get("max_connections_per_address").asLong()).isEqualTo(1);
            }
        }
    }

    private static Socket rawConnection(ServedDemo demo) throws IOException {
        Socket s = new Socket("127.0.0.1", demo.listener.port());
        s.setSoTimeout(5_000);
        return s;
    }

    /** What the server sends until it closes; a reset after its answer counts as a close. */
    private static String readToEnd(Socket s) throws IOException {
        StringBuilder out = new StringBuilder();
        try {
            for (int c = s.getInputStream().read(); c >= 0; c = s.getInputStream().read()) out.append((char) c);
        } catch (java.net.SocketException reset) {
            // closed with unread input on its side
        }
        return out.toString();
    }

    private static JsonNode find(JsonNode ready, String name) {
        for (JsonNode c : ready.get("checks")) if (c.get("name").asString().equals(name)) return c;
        throw new AssertionError("no check " + name + " in " + ready);
    }

    /** The value of the sample {@code series} (name with labels, exactly as printed) in Prometheus text. */
    static double value(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        if (!m.find()) throw new AssertionError("no series " + series + " in /metrics");
        return Double.parseDouble(m.group(1));
    }
}
