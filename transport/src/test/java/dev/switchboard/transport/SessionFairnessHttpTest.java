package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.McpSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11, defect 3 on the wire: with {@code performance.maxInflight=4}, one session's four
 * unanswered elicitations must not refuse every other session, and one session may have at most
 * {@code sessions.maxInflight} requests in flight.
 */
class SessionFairnessHttpTest {
    private Kernel kernel;
    private McpServer server;
    private StreamableHttpServer http;
    private WireSessions wire;

    @BeforeEach
    void start() throws Exception {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("name").put("type", "string");
        kernel = Kernel.create(KernelConfig.defaults().withMaxInflight(4));
        server = McpServer.builder("fair", "1").kernel(kernel).settings(McpSettings.defaults().withSessionMaxInflight(4))
                .tool("ask", "asks the user's name", ObjectNode.class, (a, c) -> "hello " + c.elicit("name?", schema).content().get("name").asString())
                .tool("echo", "answers at once", ObjectNode.class, (a, c) -> "echo")
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0).withKeepAlive(Duration.ofMillis(200)));
        wire = new WireSessions(http.port());
    }

    @AfterEach
    void stop() {
        server.close(); // first: it answers the calls still in flight, so the connections end cleanly
        http.close();
        kernel.close();
    }

    @Test
    void elicitationsWaitingInOneSession_leaveTheKernelToOtherSessions_andEveryCallCompletes() throws Exception {
        String greedy = wire.open();
        List<WireSessions.Stream> calls = new ArrayList<>();
        List<String> asks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WireSessions.Stream call = wire.stream(greedy, WireSessions.call(10 + i, "ask"));
            calls.add(call);
            asks.add(call.awaitData("elicitation/create"));
        }
        String other = wire.open();
        for (int i = 0; i < 8; i++)
            assertThat(wire.send(other, WireSessions.call(20 + i, "echo")).body()).contains("\"text\":\"echo\"").doesNotContain("-32000");
        // the four wait on the client with their kernel slots parked (each parks before its question goes out)
        assertThat(kernel.parked()).isEqualTo(4);
        assertThat(kernel.inFlight()).isZero();

        for (int i = 0; i < 4; i++)
            assertThat(wire.send(greedy, WireSessions.accept(WireSessions.requestId(asks.get(i)), "n" + i)).statusCode()).isEqualTo(202);
        for (int i = 0; i < 4; i++) assertThat(calls.get(i).awaitData("\"id\":" + (10 + i))).contains("hello n" + i);
        await().until(() -> kernel.inFlight() == 0 && kernel.parked() == 0);
        assertThat(kernel.ledger().balanced()).isTrue();
    }

    @Test
    void aSessionAtItsInflightLimit_isRefusedWithMinus32000NamingTheKey_andOtherSessionsAreNot() throws Exception {
        String greedy = wire.open();
        List<String> asks = new ArrayList<>();
        List<WireSessions.Stream> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WireSessions.Stream call = wire.stream(greedy, WireSessions.call(10 + i, "ask"));
            calls.add(call);
            asks.add(call.awaitData("elicitation/create"));
        }
        String refused = wire.send(greedy, WireSessions.call(14, "echo")).body();
        assertThat(refused).contains("\"id\":14", "\"code\":-32000", "sessions.maxInflight", "\"retryAfterMs\":100");
        assertThat(wire.send(wire.open(), WireSessions.call(15, "echo")).body()).contains("\"text\":\"echo\"");

        // once an answer is in, the session has room again
        assertThat(wire.send(greedy, WireSessions.accept(WireSessions.requestId(asks.getFirst()), "Ann")).statusCode()).isEqualTo(202);
        assertThat(calls.getFirst().awaitData("\"id\":10")).contains("hello Ann");
        await().until(() -> wire.send(greedy, WireSessions.call(16, "echo")).body().contains("\"text\":\"echo\""));
    }
}
