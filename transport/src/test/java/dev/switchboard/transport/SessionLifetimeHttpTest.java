package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.McpSettings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11, defects 2 and 4 on the wire: a session is idle only when nothing is in flight and no
 * stream is open, and a session that ends answers its calls in flight instead of cutting them off.
 */
class SessionLifetimeHttpTest {
    private static final Duration IDLE = Duration.ofMillis(300);

    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private McpServer server;
    private StreamableHttpServer http;
    private WireSessions wire;

    @BeforeEach
    void start() throws Exception {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("name").put("type", "string");
        server = McpServer.builder("lifetime", "1").settings(McpSettings.defaults().withIdleTimeout(IDLE))
                .tool("ask", "asks the user's name", ObjectNode.class, (a, c) -> "hello " + c.elicit("name?", schema).content().get("name").asString())
                .tool("hold", "reports progress, then waits until released", ObjectNode.class, (a, c) -> {
                    if (c.progressToken() != null) c.progress(1, 2.0, "started");
                    try {
                        released.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                    return "released";
                })
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0).withKeepAlive(Duration.ofMillis(200)));
        wire = new WireSessions(http.port());
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.close(); // first: it answers the calls still in flight, so the connections end cleanly
        http.close();
    }

    @Test
    void evictIdle_sessionWaitingOnAnElicitation_isKeptAndItsCallCompletes() throws Exception {
        String s = wire.open();
        WireSessions.Stream call = wire.stream(s, WireSessions.call(2, "ask"));
        String ask = call.awaitData("elicitation/create");
        Thread.sleep(IDLE.toMillis() * 2);
        assertThat(server.evictIdleSessions()).isZero();
        assertThat(server.sessionHost().find(s)).isNotNull();
        assertThat(wire.send(s, WireSessions.accept(WireSessions.requestId(ask), "Ann")).statusCode()).isEqualTo(202);
        assertThat(call.awaitData("\"id\":2")).contains("hello Ann");
    }

    @Test
    void evictIdle_sessionHoldingItsGetStream_isKeptUntilTheStreamCloses() throws Exception {
        String s = wire.open();
        try (RawHttp get = new RawHttp(http.port())) {
            get.write("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + s
                    + "\r\nMCP-Protocol-Version: 2025-11-25\r\n\r\n");
            get.readUntil("retry: ");
            Thread.sleep(IDLE.toMillis() * 2);
            assertThat(server.evictIdleSessions()).isZero();
            assertThat(wire.send(s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}").statusCode()).isEqualTo(200);
        }
        // the stream is gone: an idle timeout later, so is the session
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            server.evictIdleSessions();
            return server.sessionHost().find(s) == null;
        });
    }

    @Test
    void evictIdle_sessionWithNothingGoingOn_isStillEvicted() throws Exception {
        String s = wire.open();
        Thread.sleep(IDLE.toMillis() * 2);
        server.evictIdleSessions(); // the background sweep may have got there first
        assertThat(server.sessionHost().find(s)).isNull();
        assertThat(wire.send(s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void delete_whileACallStreams_endsItsStreamWithASessionEndedError_andInterruptsTheHandler() throws Exception {
        String s = wire.open();
        WireSessions.Stream call = wire.stream(s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\",\"arguments\":{},"
                + "\"_meta\":{\"progressToken\":1}}}");
        call.awaitData("notifications/progress");
        assertThat(wire.delete(s).statusCode()).isEqualTo(200);
        String error = call.awaitData("\"id\":7");
        assertThat(error).contains("\"code\":-32001", "Session ended: deleted by the client", "\"reason\":\"deleted\"");
        await().untilTrue(call.ended());
        await().untilTrue(interrupted);
    }

    @Test
    void delete_whileACallWaitsForItsJsonAnswer_answersItWithASessionEndedError() throws Exception {
        String s = wire.open();
        WireSessions.Stream[] call = new WireSessions.Stream[1];
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                call[0] = wire.stream(s, WireSessions.call(8, "hold"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> server.kernel().inFlight() == 1);
        assertThat(wire.delete(s).statusCode()).isEqualTo(200);
        caller.join(10_000);
        assertThat(call[0].response().statusCode()).isEqualTo(200);
        assertThat(call[0].awaitData("\"id\":8")).contains("\"code\":-32001", "Session ended: deleted by the client");
        await().untilTrue(interrupted);
    }
}
