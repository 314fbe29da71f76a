package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
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
 * {@link McpClient} over Streamable HTTP, against {@link McpClientHttpBridge}: a JDK HttpServer in
 * front of a real {@link McpServer}, until the Netty transport can stand in for it.
 */
class McpClientHttpTest {

    private final McpServer server = McpServer.builder("http-server", "1.0")
            .tool("progress", "Reports progress", ObjectNode.class, (a, c) -> {
                c.progress(1, 2.0, "half");
                c.progress(2, 2.0, "done");
                return "ok";
            })
            .tool("ask", "Samples", ObjectNode.class, (a, c) -> c.sample(Sampling.CreateMessageParams.of(
                    List.of(Sampling.SamplingMessage.user("hi")), 10)).model())
            .resource("test://static", "static", "A static text", "text/plain", (uri, vars, c) -> "hello")
            .build();
    private final McpClientHttpBridge bridge = new McpClientHttpBridge(server);
    private final List<String> updated = new CopyOnWriteArrayList<>();
    private final McpClient client = McpClient.builder()
            .requestTimeout(Duration.ofSeconds(10))
            .onSampling(p -> Sampling.CreateMessageResult.text("m-http", "hey", "endTurn"))
            .onResourceUpdated(updated::add)
            .http(bridge.endpoint);

    @AfterEach
    void close() {
        client.close();
        bridge.close();
        server.close();
    }

    private static String text(Tools.CallToolResult result) {
        return ((Content.Text) result.content().getFirst()).text();
    }

    private Tools.CallToolResult callWithProgress(List<String> progress) {
        return client.callTool("progress", Map.of(), p -> progress.add(p.message()));
    }

    @Test
    void initialize_storesTheSessionId_andSendsItWithTheVersionOnLaterRequests() {
        assertThat(client.initialize().serverInfo().name()).isEqualTo("http-server");
        client.ping();
        List<McpClientHttpBridge.Seen> posts = bridge.seen("POST");
        assertThat(posts).hasSize(3);
        assertThat(posts.getFirst().headers()).doesNotContainKey("mcp-session-id")
                .containsEntry("content-type", "application/json")
                .containsEntry("accept", "application/json, text/event-stream");
        String sessionId = posts.get(1).headers().get("mcp-session-id");
        assertThat(server.sessionHost().find(sessionId)).isNotNull();
        assertThat(posts.subList(1, 3)).allSatisfy(p -> assertThat(p.headers())
                .containsEntry("mcp-session-id", sessionId)
                .containsEntry("mcp-protocol-version", ProtocolVersion.LATEST));
    }

    @Test
    void callTool_progressOnTheResponseStream_reachesTheListenerBeforeTheResult() {
        client.initialize();
        List<String> progress = new CopyOnWriteArrayList<>();
        assertThat(text(callWithProgress(progress))).isEqualTo("ok");
        assertThat(progress).containsExactly("half", "done");
    }

    @Test
    void primedStreams_everyAnswerOnSse_areRead() {
        bridge.primeStreams = true;
        client.initialize();
        assertThat(client.listTools()).extracting(Tools.Tool::name).containsExactly("progress", "ask");
        List<String> progress = new CopyOnWriteArrayList<>();
        assertThat(text(callWithProgress(progress))).isEqualTo("ok");
        assertThat(progress).containsExactly("half", "done");
    }

    @Test
    void postStreamClosedAfterPriming_isResumedWithLastEventId() {
        bridge.dropPostStreams = true;
        client.initialize();
        List<String> progress = new CopyOnWriteArrayList<>();
        assertThat(text(callWithProgress(progress))).isEqualTo("ok");
        assertThat(progress).containsExactly("half", "done");
        assertThat(bridge.seen("GET")).anySatisfy(g -> assertThat(g.headers()).containsKey("last-event-id"));
    }

    @Test
    void sampling_requestOnTheResponseStream_isAnsweredWithAnotherPost() {
        client.initialize();
        assertThat(text(client.callTool("ask", Map.of()))).isEqualTo("m-http");
    }

    @Test
    void resourceUpdated_arrivesOnTheStandaloneStream_andAfterItIsReopened() {
        client.initialize();
        client.subscribe("test://static");
        awaitUpdate();
        bridge.dropStandaloneStreams();
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.seen("GET").size() >= 2);
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
        bridge.refuseStandalone = true;
        client.initialize();
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.seen("GET").size() == 1);
        Thread.sleep(300);
        client.ping();
        assertThat(bridge.seen("GET")).hasSize(1);
    }

    @Test
    void jsonRpcError_overHttp_isAnMcpException() {
        client.initialize();
        assertThatThrownBy(() -> client.callTool("nope", Map.of()))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS));
    }

    @Test
    void endedSession_isA404NamingStatusAndBody_andInitializeStartsAnew() {
        client.initialize();
        String first = bridge.seen("POST").get(1).headers().get("mcp-session-id");
        server.sessionHost().end(first);
        assertThatThrownBy(client::ping).isInstanceOfSatisfying(McpClientException.class, e -> {
            assertThat(e.reason()).isEqualTo(McpClientException.Reason.HTTP_STATUS);
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.body()).isEqualTo("no session " + first);
            assertThat(e.getMessage()).contains("404", "initialize()");
        });
        client.initialize();
        client.ping();
        assertThat(bridge.seen("POST").getLast().headers().get("mcp-session-id")).isNotEqualTo(first);
    }

    @Test
    void sendRaw_garbage_returnsTheErrorFromThe400Body() {
        client.initialize();
        Decoded.Response response = client.sendRaw("[oops".getBytes(StandardCharsets.UTF_8));
        assertThat(response.error().code()).isEqualTo(JsonRpc.PARSE_ERROR);
    }

    @Test
    void close_sendsDelete_andTheServerEndsTheSession() {
        client.initialize();
        assertThat(server.sessionCount()).isEqualTo(1);
        client.close();
        assertThat(bridge.seen("DELETE")).singleElement()
                .satisfies(d -> assertThat(d.headers()).containsKey("mcp-session-id"));
        assertThat(server.sessionCount()).isZero();
    }

    @Test
    void unreachableServer_failsWithClosed() {
        try (McpClient nowhere = McpClient.http(URI.create("http://127.0.0.1:1/mcp"))) {
            assertThatThrownBy(nowhere::initialize).isInstanceOfSatisfying(McpClientException.class,
                    e -> assertThat(e.reason()).isEqualTo(McpClientException.Reason.CLOSED));
        }
    }
}
