package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link McpClient} over Streamable HTTP against a real {@link McpServer} behind the real Netty
 * transport on a free port. Faults a healthy server never shows (a refused or cut standalone
 * stream, every answer on SSE) come from {@link HttpFaultProxy} in front of it.
 */
class McpClientHttpTest {

    /** Set when the "wait" tool's handler is interrupted: the server heard notifications/cancelled. */
    private final java.util.concurrent.atomic.AtomicBoolean waitInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
    private final McpServer server = McpServer.builder("http-server", "1.0")
            .tool("progress", "Reports progress", ObjectNode.class, (a, c) -> {
                c.progress(1, 2.0, "half");
                c.progress(2, 2.0, "done");
                return "ok";
            })
            .tool("ask", "Samples", ObjectNode.class, (a, c) -> c.sample(Sampling.CreateMessageParams.of(
                    List.of(Sampling.SamplingMessage.user("hi")), 10)).model())
            .tool("poll", "Closes its SSE stream, then reports progress and answers", ObjectNode.class, (a, c) -> {
                c.progress(1, 2.0, "before");
                c.closeStream();
                c.progress(2, 2.0, "after");
                return "polled";
            })
            .tool("headers", "The session and the MCP headers of this request", ObjectNode.class, (a, c) ->
                    c.session().id() + " " + c.headers().get("mcp-session-id") + " " + c.headers().get("mcp-protocol-version"))
            .tool("wait", "Waits 20 s unless cancelled", ObjectNode.class, (a, c) -> {
                try {
                    Thread.sleep(20_000);
                    return "waited";
                } catch (InterruptedException e) {
                    waitInterrupted.set(true);
                    throw e;
                }
            })
            .resource("test://static", "static", "A static text", "text/plain", (uri, vars, c) -> "hello")
            .build();
    private final StreamableHttpServer http = start(server);
    private final URI endpoint = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
    private final List<String> updated = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    private static StreamableHttpServer start(McpServer server) {
        try {
            return StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        http.close();
        server.close();
    }

    /** The builder every test's client starts from; a subclass runs the same tests on another way of sending. */
    McpClient.Builder builder() {
        return McpClient.builder();
    }

    private McpClient connect(URI uri) {
        McpClient client = builder()
                .requestTimeout(Duration.ofSeconds(10))
                .onSampling(p -> Sampling.CreateMessageResult.text("m-http", "hey", "endTurn"))
                .onResourceUpdated(updated::add)
                .http(uri);
        closing.add(client);
        return client;
    }

    private McpClient client() {
        return connect(endpoint);
    }

    /** A client whose requests go through a fault proxy. */
    private McpClient client(HttpFaultProxy proxy) {
        closing.add(proxy);
        return connect(proxy.endpoint);
    }

    private static String text(Tools.CallToolResult result) {
        return ((Content.Text) result.content().getFirst()).text();
    }

    private static Tools.CallToolResult callWithProgress(McpClient client, String tool, List<String> progress) {
        return client.callTool(tool, Map.of(), p -> progress.add(p.message()));
    }

    @Test
    void initialize_storesTheSessionId_andSendsItWithTheVersionOnLaterRequests() {
        McpClient client = client();
        assertThat(client.initialize().serverInfo().name()).isEqualTo("http-server");
        String[] seen = text(client.callTool("headers", Map.of())).split(" ");
        assertThat(seen[1]).isEqualTo("[" + seen[0] + "]");
        assertThat(seen[2]).isEqualTo("[" + ProtocolVersion.LATEST + "]");
    }

    @Test
    void listAndCall_progressOnTheResponseStream_reachesTheListenerBeforeTheResult() {
        McpClient client = client();
        client.initialize();
        assertThat(client.listTools()).extracting(Tools.Tool::name).containsExactly("progress", "ask", "poll", "headers", "wait");
        List<String> progress = new CopyOnWriteArrayList<>();
        assertThat(text(callWithProgress(client, "progress", progress))).isEqualTo("ok");
        assertThat(progress).containsExactly("half", "done");
    }

    @Test
    void primedStreams_everyAnswerOnSse_areRead() {
        HttpFaultProxy proxy = new HttpFaultProxy(endpoint);
        proxy.primeStreams = true;
        McpClient client = client(proxy);
        client.initialize();
        assertThat(client.listTools()).extracting(Tools.Tool::name).contains("progress", "ask");
        List<String> progress = new CopyOnWriteArrayList<>();
        assertThat(text(callWithProgress(client, "progress", progress))).isEqualTo("ok");
        assertThat(progress).containsExactly("half", "done");
    }

    @Test
    void postStreamClosedByTheServer_isResumedWithLastEventId() {
        McpClient client = client();
        client.initialize();
        List<String> progress = new CopyOnWriteArrayList<>();
        // the result is sent after the server let go of the POST stream: only a resumed GET can bring it
        assertThat(text(callWithProgress(client, "poll", progress))).isEqualTo("polled");
        assertThat(progress).containsExactly("before", "after");
    }

    @Test
    void sampling_requestOnTheResponseStream_isAnsweredWithAnotherPost() {
        McpClient client = client();
        client.initialize();
        assertThat(text(client.callTool("ask", Map.of()))).isEqualTo("m-http");
    }

    @Test
    void resourceUpdated_arrivesOnTheStandaloneStream_andAfterItIsCut() {
        HttpFaultProxy proxy = new HttpFaultProxy(endpoint);
        McpClient client = client(proxy);
        client.initialize();
        client.subscribe("test://static");
        awaitUpdate();
        proxy.dropStandaloneStreams();
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.seen("GET").size() >= 2);
        updated.clear();
        awaitUpdate();
    }

    private void awaitUpdate() {
        // the GET stream opens in the background: an update sent before it is attached is lost
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            server.resourceUpdated("test://static");
            return updated.contains("test://static");
        });
    }

    @Test
    void standaloneStreamRefused_isToleratedWithoutRetrying() throws InterruptedException {
        HttpFaultProxy proxy = new HttpFaultProxy(endpoint);
        proxy.refuseStandalone = true;
        McpClient client = client(proxy);
        client.initialize();
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.seen("GET").size() == 1);
        Thread.sleep(300);
        client.ping();
        assertThat(proxy.seen("GET")).hasSize(1);
    }

    @Test
    void jsonRpcError_overHttp_isAnMcpException() {
        McpClient client = client();
        client.initialize();
        assertThatThrownBy(() -> client.callTool("nope", Map.of()))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS));
    }

    @Test
    void endedSession_isA404NamingStatusAndBody_andInitializeStartsAnew() {
        McpClient client = client();
        client.initialize();
        String first = text(client.callTool("headers", Map.of())).split(" ")[0];
        server.sessionHost().end(first);
        assertThatThrownBy(client::ping).isInstanceOfSatisfying(McpClientException.class, e -> {
            assertThat(e.reason()).isEqualTo(McpClientException.Reason.HTTP_STATUS);
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.body()).contains("Session not found", first);
            assertThat(e.getMessage()).contains("404", "initialize()");
        });
        client.initialize();
        client.ping();
        assertThat(text(client.callTool("headers", Map.of())).split(" ")[0]).isNotEqualTo(first);
    }

    @Test
    void sendRaw_garbage_returnsTheErrorFromThe400Body() {
        McpClient client = client();
        client.initialize();
        Decoded.Response response = client.sendRaw("[oops".getBytes(StandardCharsets.UTF_8));
        assertThat(response.error().code()).isEqualTo(JsonRpc.PARSE_ERROR);
    }

    @Test
    void close_sendsDelete_andTheServerEndsTheSession() {
        McpClient client = client();
        client.initialize();
        assertThat(server.sessionCount()).isEqualTo(1);
        client.close();
        assertThat(server.sessionCount()).isZero();
    }

    @Test
    void callTool_requestTimeoutPasses_serverToldToCancelAndItsHandlerInterrupted() {
        McpClient client = builder().requestTimeout(Duration.ofMillis(500)).http(endpoint);
        closing.add(client);
        client.initialize();
        assertThatThrownBy(() -> client.callTool("wait", Map.of())).isInstanceOfSatisfying(McpClientException.class,
                e -> assertThat(e.reason()).isEqualTo(McpClientException.Reason.TIMEOUT));
        // the HTTP exchange's own timeout sent no notifications/cancelled before: the handler ran its 20 s
        await().atMost(Duration.ofSeconds(5)).untilTrue(waitInterrupted);
    }

    @Test
    void close_serverNeverAnswersTheDelete_returnsAfterTheShortDeleteTimeout() {
        HttpFaultProxy proxy = new HttpFaultProxy(endpoint);
        McpClient client = client(proxy); // its request timeout is 10 s
        client.initialize();
        proxy.hangDeletes = true;
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(6), client::close);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ClientHttp.DELETE_TIMEOUT.minusMillis(100));
        assertThat(proxy.seen("DELETE")).hasSize(1);
    }

    @Test
    void unreachableServer_failsWithClosed() {
        try (McpClient nowhere = McpClient.http(URI.create("http://127.0.0.1:1/mcp"))) {
            assertThatThrownBy(nowhere::initialize).isInstanceOfSatisfying(McpClientException.class,
                    e -> assertThat(e.reason()).isEqualTo(McpClientException.Reason.CLOSED));
        }
    }
}
