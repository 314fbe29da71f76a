package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.McpSettings;
import dev.switchboard.mcp.protocol.Tools;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Streamable HTTP over a real socket on an ephemeral port, against the real engine. */
class StreamableHttpServerTest {
    record Add(double a, double b) {}

    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private McpServer server;
    private StreamableHttpServer http;
    private final HttpClient client = HttpClient.newHttpClient();
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        server = McpServer.builder("http-test", "1").settings(McpSettings.defaults().withMaxSessions(50))
                .tool("add", "adds", Add.class, a -> String.valueOf(a.a() + a.b()))
                .tool("progress", "reports progress", ObjectNode.class, (a, c) -> {
                    c.progress(1, 2.0, null);
                    c.progress(2, 2.0, null);
                    return "done";
                })
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0).withMaxBodyBytes(64 * 1024).withKeepAlive(Duration.ofMillis(200)));
        uri = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String initialize() throws Exception {
        HttpResponse<String> r = send(post(INIT));
        assertThat(r.statusCode()).isEqualTo(200);
        String id = r.headers().firstValue("mcp-session-id").orElseThrow();
        assertThat(send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").header("Mcp-Session-Id", id)).statusCode()).isEqualTo(202);
        return id;
    }

    private HttpResponse<String> call(String session, String body) throws Exception {
        return send(post(body).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25"));
    }

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}";

    @Test
    void initialize_returnsASessionIdAndJson() throws Exception {
        HttpResponse<String> r = send(post(INIT));
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).contains("\"protocolVersion\":\"2025-11-25\"");
        assertThat(r.headers().firstValue("mcp-session-id").orElseThrow()).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void toolCall_answersJson() throws Exception {
        String s = initialize();
        HttpResponse<String> r = call(s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"text\":\"5.0\"");
    }

    @Test
    void progressBeforeResult_switchesToSse() throws Exception {
        String s = initialize();
        HttpResponse<String> r = call(s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\",\"_meta\":{\"progressToken\":7}}}");
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> data = r.body().lines().filter(l -> l.startsWith("data: ") && l.length() > 6).toList();
        assertThat(data).hasSize(3);
        assertThat(data.get(0)).contains("notifications/progress");
        assertThat(data.get(2)).contains("\"id\":3", "done");
        // a priming event (position 0, empty data, retry) and then one id per message
        List<String> ids = r.body().lines().filter(l -> l.startsWith("id: ")).toList();
        assertThat(ids).hasSize(4);
        assertThat(ids.getFirst()).endsWith("/0");
        assertThat(r.body()).contains("retry: ");
    }

    @Test
    void missingSessionId_is400_unknownIs404_deletedIs404() throws Exception {
        assertThat(send(post(PING)).statusCode()).isEqualTo(400);
        assertThat(send(post(PING)).body()).contains("Mcp-Session-Id header is required");
        HttpResponse<String> unknown = call("nope", PING);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Session not found");
        String s = initialize();
        assertThat(send(HttpRequest.newBuilder(uri).header("Mcp-Session-Id", s).DELETE()).statusCode()).isEqualTo(200);
        assertThat(call(s, PING).statusCode()).isEqualTo(404);
    }

    @Test
    void badRequests_getPreciseStatuses_andTheSessionGoesOn() throws Exception {
        String s = initialize();
        HttpResponse<String> version = send(post(PING).header("Mcp-Session-Id", s).header("MCP-Protocol-Version", "1999-01-01"));
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(version.body()).contains("Unsupported MCP-Protocol-Version '1999-01-01'");
        HttpResponse<String> type = send(HttpRequest.newBuilder(uri).header("Content-Type", "text/plain").header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", s).POST(HttpRequest.BodyPublishers.ofString(PING)));
        assertThat(type.statusCode()).isEqualTo(415);
        HttpResponse<String> accept = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json").header("Mcp-Session-Id", s).POST(HttpRequest.BodyPublishers.ofString(PING)));
        assertThat(accept.statusCode()).isEqualTo(406);
        assertThat(accept.body()).contains("text/event-stream");
        HttpResponse<String> malformed = call(s, "{\"jsonrpc\":\"2.0\",\"id\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("-32700");
        HttpResponse<String> wrongVersion = call(s, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}");
        assertThat(wrongVersion.body()).contains("-32600");
        HttpResponse<String> deep = call(s, "[".repeat(10_000) + "]".repeat(10_000));
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.body()).contains("nesting");
        HttpResponse<String> missingMethod = call(s, "{\"jsonrpc\":\"2.0\",\"id\":4}");
        assertThat(missingMethod.statusCode()).isEqualTo(400);
        assertThat(missingMethod.body()).contains("-32600", "method");
        HttpResponse<String> noMethod = call(s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such\"}");
        assertThat(noMethod.body()).contains("-32601", "no/such");
        HttpResponse<String> badParams = call(s, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":5}}");
        assertThat(badParams.body()).contains("-32602");
        HttpResponse<String> invalidUtf8 = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", s).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})));
        assertThat(invalidUtf8.statusCode()).isEqualTo(400);
        assertThat(invalidUtf8.body()).contains("-32700");
        assertThat(call(s, PING).statusCode()).isEqualTo(200);
    }

    @Test
    void bodyOverTheCap_is413() throws Exception {
        String s = initialize();
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"pad\":\"" + "x".repeat(100_000) + "\"}}}";
        HttpResponse<String> r = call(s, big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("65536 bytes");
        assertThat(call(s, PING).statusCode()).isEqualTo(200);
    }

    @Test
    void foreignHostOrOrigin_is403() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", http.port())) {
            String req = "POST /mcp HTTP/1.1\r\nHost: evil.example.com\r\nOrigin: http://evil.example.com\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: " + INIT.length() + "\r\n\r\n" + INIT;
            socket.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 403");
        }
        HttpResponse<String> origin = send(post(INIT).header("Origin", "http://evil.example.com"));
        assertThat(origin.statusCode()).isEqualTo(403);
        assertThat(send(post(INIT).header("Origin", "http://localhost:3000")).statusCode()).isEqualTo(200);
    }

    @Test
    void sessionCap_is503() throws Exception {
        for (int i = 0; i < 50; i++) assertThat(send(post(INIT)).statusCode()).isEqualTo(200);
        HttpResponse<String> r = send(post(INIT));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("sessions.max");
    }

    @Test
    void overloadedKernel_answers200WithMinus32000_andRetryAfter() throws Exception {
        dev.switchboard.kernel.Kernel tiny = dev.switchboard.kernel.Kernel.create(dev.switchboard.kernel.KernelConfig.defaults().withMaxInflight(1));
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1), release = new java.util.concurrent.CountDownLatch(1);
        McpServer busy = McpServer.builder("busy", "1").kernel(tiny).tool("hold", "holds", ObjectNode.class, (a, c) -> {
            started.countDown();
            release.await();
            return "done";
        }).build();
        StreamableHttpServer busyHttp = StreamableHttpServer.start(busy, HttpSettings.defaults().withPort(0));
        try {
            URI busyUri = URI.create("http://127.0.0.1:" + busyHttp.port() + "/mcp");
            HttpResponse<String> init = send(HttpRequest.newBuilder(busyUri).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INIT)));
            String s = init.headers().firstValue("mcp-session-id").orElseThrow();
            HttpRequest.Builder hold = HttpRequest.newBuilder(busyUri).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Mcp-Session-Id", s).header("MCP-Protocol-Version", "2025-11-25");
            var first = client.sendAsync(hold.copy().POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> refused = send(hold.copy().POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}")));
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("-32000", "retryAfterMs");
            assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
            release.countDown();
            assertThat(first.get().body()).contains("done");
        } finally {
            release.countDown();
            busyHttp.close();
            busy.close();
            tiny.close();
        }
    }

    @Test
    void getStream_receivesListChangedAndKeepAlives_andLastEventIdReplaysOnlyMissedEvents() throws Exception {
        String s = initialize();
        List<String> lines = new CopyOnWriteArrayList<>();
        Socket socket = new Socket("127.0.0.1", http.port());
        socket.getOutputStream().write(("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + s + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        Thread reader = Thread.ofVirtual().start(() -> readLines(socket, lines));
        assertThat(call(s, PING).statusCode()).isEqualTo(200);
        Thread.sleep(100);
        server.addTool(Tools.Tool.withoutArguments("late1", "x"), (a, c) -> "");
        server.addTool(Tools.Tool.withoutArguments("late2", "x"), (a, c) -> "");
        org.awaitility.Awaitility.await().until(() -> lines.stream().filter(l -> l.contains("list_changed")).count() == 2);
        org.awaitility.Awaitility.await().until(() -> lines.contains(": keep-alive"));
        String firstId = lines.stream().filter(l -> l.startsWith("id: ") && !l.endsWith("/0")).findFirst().orElseThrow().substring(4);
        socket.close();
        reader.join();
        // a second GET with Last-Event-ID of the first event gets only the second one
        HttpResponse<InputStream> resumed = client.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", s)
                .header("Last-Event-ID", firstId).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resumed.statusCode()).isEqualTo(200);
        List<String> replay = new CopyOnWriteArrayList<>();
        Thread r2 = Thread.ofVirtual().start(() -> {
            try (var br = new java.io.BufferedReader(new java.io.InputStreamReader(resumed.body()))) {
                String l;
                while ((l = br.readLine()) != null) replay.add(l);
            } catch (Exception ignored) {
            }
        });
        org.awaitility.Awaitility.await().until(() -> replay.stream().anyMatch(l -> l.startsWith("data: {")));
        assertThat(replay.stream().filter(l -> l.startsWith("data: {")).toList()).singleElement().asString().contains("list_changed");
        assertThat(replay.stream().filter(l -> l.startsWith("id: ")).toList()).doesNotContain("id: " + firstId);
        resumed.body().close();
        r2.interrupt();
    }

    private static void readLines(Socket socket, List<String> lines) {
        try (var br = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = br.readLine()) != null) lines.add(l);
        } catch (Exception ignored) {
        }
    }

}
