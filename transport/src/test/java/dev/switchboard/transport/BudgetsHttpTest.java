package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.Budgets;
import dev.switchboard.mcp.McpServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Issue 16's budgets on the wire: a deadline that interrupts a sleeping handler, a session over its call budget. */
class BudgetsHttpTest {
    private final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    private McpServer server;
    private StreamableHttpServer http;
    private WireSessions wire;

    @BeforeEach
    void start() throws Exception {
        server = McpServer.builder("budgets", "1")
                .budgets(Budgets.none().withRequestTimeout(Duration.ofSeconds(1)).withCalls(2, 0).withWindow(Duration.ofSeconds(10)))
                .tool("sleep", "sleeps a minute unless interrupted", ObjectNode.class, (a, c) -> {
                    try {
                        Thread.sleep(60_000);
                        return "slept";
                    } catch (InterruptedException e) {
                        interrupted.complete(true);
                        throw e;
                    }
                })
                .tool("echo", "answers at once", ObjectNode.class, (a, c) -> "echo")
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        wire = new WireSessions(http.port());
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void handlerSleepingPastTheDeadline_isInterrupted_andTheClientGetsAnErrorNamingTheDeadline() throws Exception {
        String session = wire.open();
        String answer = wire.send(session, WireSessions.call(7, "sleep")).body();

        assertThat(answer).contains("\"id\":7", "\"code\":-32001", "deadline of 1000 ms", "budgets.requestTimeoutMs", "\"deadlineMs\":1000");
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.send(session, WireSessions.call(8, "echo")).body()).contains("\"text\":\"echo\"");
    }

    @Test
    void statelessCall_pastTheDeadlineInItsMeta_isAnsweredWithTheDeadlineError_andItsHandlerInterrupted() throws Exception {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"},\"io.switchboard/deadlineMs\":800}";
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + http.port() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "sleep")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{}," + meta + "}}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.body()).contains("\"id\":9", "\"code\":-32001", "deadline of 800 ms", "_meta io.switchboard/deadlineMs");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sessionOverItsCallBudget_isRefusedWithRetryAfter_andTheNextWindowAdmitsIt() throws Exception {
        String session = wire.open();
        for (int i = 0; i < 2; i++) assertThat(wire.send(session, WireSessions.call(10 + i, "echo")).body()).contains("\"text\":\"echo\"");
        HttpResponse<String> refused = wire.send(session, WireSessions.call(12, "echo"));

        assertThat(refused.body()).contains("\"id\":12", "\"code\":-32000", "\"budget\":\"budgets.sessionCallsPerMinute\"", "retryAfterMs");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        long retryAfterMs = Long.parseLong(refused.body().replaceAll(".*\"retryAfterMs\":(\\d+).*", "$1").trim());
        Thread.sleep(retryAfterMs + 200);
        assertThat(wire.send(session, WireSessions.call(13, "echo")).body()).contains("\"text\":\"echo\"");
    }
}
