package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.TcpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link McpClient} over the transports whose connection is the session (WebSocket, TCP, legacy
 * HTTP+SSE) against a real {@link McpServer} behind the real listeners: list, call with progress,
 * a server-to-client request (sampling), subscribe and receive an update, and the session ending
 * with the connection.
 */
class McpClientSocketTransportsTest {
    private final McpServer server = McpServer.builder("socket-server", "1.0")
            .tool("progress", "Reports progress", ObjectNode.class, (a, c) -> {
                c.progress(1, 2.0, "half");
                c.progress(2, 2.0, "done");
                return "ok";
            })
            .tool("ask", "Samples", ObjectNode.class, (a, c) -> c.sample(Sampling.CreateMessageParams.of(
                    List.of(Sampling.SamplingMessage.user("hi")), 10)).model())
            .resource("test://static", "static", "A static text", "text/plain", (uri, vars, c) -> "hello")
            .build();
    private final StreamableHttpServer http = start(() -> StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0)));
    private final TcpServer tcp = start(() -> TcpServer.start(server, TcpSettings.defaults().withPort(0)));
    private final List<String> updated = new CopyOnWriteArrayList<>();
    private final List<ProgressParams> progress = new CopyOnWriteArrayList<>();

    interface Starter<T> {
        T start() throws InterruptedException;
    }

    private static <T> T start(Starter<T> s) {
        try {
            return s.start();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean listenersClosed;

    @AfterEach
    void close() {
        closeListeners();
        server.close();
    }

    private void closeListeners() {
        if (listenersClosed) return;
        listenersClosed = true;
        tcp.close();
        http.close();
    }

    private McpClient connect(String transport) {
        McpClient.Builder b = McpClient.builder().requestTimeout(Duration.ofSeconds(10))
                .onSampling(p -> Sampling.CreateMessageResult.text("m-" + transport, "hey", "endTurn"))
                .onResourceUpdated(updated::add);
        Function<McpClient.Builder, McpClient> open = switch (transport) {
            case "ws" -> x -> x.webSocket(URI.create("ws://127.0.0.1:" + http.port() + "/mcp/ws"));
            case "tcp" -> x -> x.tcp("127.0.0.1", tcp.port());
            case "sse" -> x -> x.legacySse(URI.create("http://127.0.0.1:" + http.port() + "/sse"));
            default -> throw new IllegalArgumentException(transport);
        };
        return open.apply(b);
    }

    private static String text(Tools.CallToolResult result) {
        return ((Content.Text) result.content().getFirst()).text();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "tcp", "sse"})
    void everydayFlows_overEachTransport_work(String transport) {
        try (McpClient client = connect(transport)) {
            client.initialize();
            assertThat(client.listTools()).extracting(Tools.Tool::name).containsExactlyInAnyOrder("progress", "ask");
            Tools.CallToolResult result = client.callTool("progress", Map.of(), progress::add);
            assertThat(text(result)).isEqualTo("ok");
            assertThat(progress).hasSize(2);
            assertThat(text(client.callTool("ask", Map.of()))).isEqualTo("m-" + transport);
            client.subscribe("test://static");
            server.resourceUpdated("test://static");
            await().atMost(5, TimeUnit.SECONDS).until(() -> updated.contains("test://static"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "tcp", "sse"})
    void serverGone_failsTheWaitingCallAsClosed(String transport) {
        McpClient client = connect(transport);
        client.initialize();
        closeListeners();
        assertThatThrownBy(client::listTools).isInstanceOf(McpClientException.class);
        client.close();
    }

    @org.junit.jupiter.api.Test
    void legacySse_unknownServerPath_failsToConnectWithTheStatus() {
        assertThatThrownBy(() -> McpClient.builder().legacySse(URI.create("http://127.0.0.1:" + http.port() + "/nope")))
                .isInstanceOf(McpClientException.class).hasMessageContaining("404");
    }
}
