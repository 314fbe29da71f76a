package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stateless era (2026-07-28) on the same endpoint as the session era, over a real socket. */
class StatelessHttpTest {
    record Add(double a, double b) {}

    static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}";

    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
    private McpServer server;
    private StreamableHttpServer http;
    private URI uri;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = McpServer.builder("stateless", "1")
                .tool("add", "adds", Add.class, a -> String.valueOf(a.a() + a.b()))
                .resource("test://r", "r", "a resource", "text/plain", (u, v, c) -> "r")
                .tool(dev.switchboard.mcp.protocol.Tools.Tool.of("wait", "waits until cancelled", RecordingSchemas.EMPTY), (a, c) -> {
                    started.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return "never";
                })
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        uri = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private HttpResponse<String> post(String method, String name, String version, String params) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", version).header("Mcp-Method", method)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}"));
        if (name != null) b.header("Mcp-Name", name);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discover_answersVersionsCapabilitiesAndServerInfo_withoutASession() throws Exception {
        HttpResponse<String> r = post("server/discover", null, "2026-07-28", "{" + META + "}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("mcp-session-id")).isEmpty();
        assertThat(r.body()).contains("\"supportedVersions\":[\"2026-07-28\"]", "io.modelcontextprotocol/serverInfo", "\"resultType\":\"complete\"", "\"ttlMs\":0");
        assertThat(server.sessionCount()).isZero();
    }

    @Test
    void toolCallAndLists_carryResultTypeAndCaching() throws Exception {
        HttpResponse<String> call = post("tools/call", "add", "2026-07-28", "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}," + META + "}");
        assertThat(call.body()).contains("\"text\":\"5.0\"", "\"resultType\":\"complete\"");
        HttpResponse<String> list = post("tools/list", null, "2026-07-28", "{" + META + "}");
        assertThat(list.body()).contains("\"ttlMs\":60000", "\"cacheScope\":\"public\"");
        HttpResponse<String> read = post("resources/read", "test://r", "2026-07-28", "{\"uri\":\"test://r\"," + META + "}");
        assertThat(read.body()).contains("\"cacheScope\":\"private\"");
    }

    @Test
    void envelopeProblems_get400WithTheirCodes_andTheIdEchoed() throws Exception {
        HttpResponse<String> noMeta = post("server/discover", null, "2026-07-28", "{}");
        assertThat(noMeta.statusCode()).isEqualTo(400);
        assertThat(noMeta.body()).contains("-32602", "\"id\":7");
        HttpResponse<String> mismatch = post("server/discover", null, "2026-07-28", "{" + META.replace("\"2026-07-28\"", "\"v9\"") + "}");
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("-32020");
        HttpResponse<String> unsupported = post("server/discover", null, "v9", "{" + META.replace("\"2026-07-28\"", "\"v9\"") + "}");
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(unsupported.body()).contains("-32022", "\"requested\":\"v9\"", "\"supported\":[\"2026-07-28\"]");
        HttpResponse<String> wrongName = post("tools/call", "other", "2026-07-28", "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1}," + META + "}");
        assertThat(wrongName.statusCode()).isEqualTo(400);
        assertThat(wrongName.body()).contains("-32020", "Mcp-Name");
    }

    @Test
    void removedAndUnknownMethods_are404_unknownResourceIsMinus32602() throws Exception {
        for (String m : new String[] {"initialize", "ping", "logging/setLevel", "resources/subscribe", "no/such"}) {
            HttpResponse<String> r = post(m, null, "2026-07-28", "{" + META + "}");
            assertThat(r.statusCode()).as(m).isEqualTo(404);
            assertThat(r.body()).contains("-32601");
        }
        HttpResponse<String> missing = post("resources/read", "test://none", "2026-07-28", "{\"uri\":\"test://none\"," + META + "}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("-32602", "\"uri\":\"test://none\"");
    }

    @Test
    void getAndDeleteFromAStatelessClient_are405_whileSessionClientsKeepWorking() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("MCP-Protocol-Version", "2026-07-28").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> init = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(StreamableHttpServerTest.INIT)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(init.headers().firstValue("mcp-session-id")).isPresent();
    }

    private static String statelessPost(String method, String name, String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}";
        return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: " + method + "\r\n" + (name == null ? "" : "Mcp-Name: " + name + "\r\n")
                + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 5 s: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void listen_acknowledgesFirst_carriesOnlyTheTypesAskedFor_andEndsWhenTheClientLeaves() throws Exception {
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(statelessPost("subscriptions/listen", null, "{\"notifications\":{\"toolsListChanged\":true,\"promptsListChanged\":false}," + META + "}"));
            String ack = raw.readUntil("}}}");
            assertThat(ack).contains("200 OK", "text/event-stream", "notifications/subscriptions/acknowledged",
                    "\"io.modelcontextprotocol/subscriptionId\":\"7\"", "\"notifications\":{\"toolsListChanged\":true}");
            eventually(() -> server.listenStreamCount() == 1, "the stream is registered");
            server.addPrompt(new dev.switchboard.mcp.protocol.Prompts.Prompt("p", null, "a prompt", java.util.List.of(), null, null), (a, c) -> "p");
            server.addTool(dev.switchboard.mcp.protocol.Tools.Tool.of("later", "added later", RecordingSchemas.EMPTY), (a, c) -> "x");
            String next = raw.readUntil("list_changed");
            assertThat(next).contains("notifications/tools/list_changed").doesNotContain("prompts");
            assertThat(raw.readUntil("}}")).contains("\"io.modelcontextprotocol/subscriptionId\":\"7\"");
        }
        eventually(() -> server.listenStreamCount() == 0, "the stream ends with its connection");
    }

    @Test
    void closingTheResponseStream_cancelsTheRequest() throws Exception {
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(statelessPost("tools/call", "wait", "{\"name\":\"wait\",\"arguments\":{}," + META + "}"));
            assertThat(started.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
    }
}
