package dev.switchboard.mcp;

import dev.switchboard.mcp.spi.SessionHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Issue 11, defect 4 in the engine: a session that ends answers each request in flight exactly once, saying why. */
class SessionEndTest {
    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicInteger interrupted = new AtomicInteger();
    private final McpServer server = McpServer.builder("end", "1")
            .tool("hold", "waits until interrupted", ObjectNode.class, (a, c) -> {
                try {
                    never.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
                return "never";
            })
            .build();

    @AfterEach
    void close() {
        never.countDown();
        server.close();
    }

    private Session session(String version) {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        RecordingExchange init = new RecordingExchange();
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"), init);
        assertThat(init.await().at("/result/protocolVersion").asString()).isEqualTo(version);
        return s;
    }

    private RecordingExchange hold(Session s, int id) {
        RecordingExchange ex = new RecordingExchange();
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}"), ex);
        return ex;
    }

    @Test
    void serverClose_withACallInFlight_answersItOnceWithShuttingDown() {
        Session s = session("2025-11-25");
        RecordingExchange call = hold(s, 5);
        await().until(() -> server.kernel().inFlight() == 1);
        server.close();
        JsonNode error = call.await();
        assertThat(error.at("/id").asInt()).isEqualTo(5);
        assertThat(error.at("/error/code").asInt()).isEqualTo(Session.SESSION_ENDED);
        assertThat(error.at("/error/message").asString()).isEqualTo("Session ended: the server is shutting down");
        assertThat(error.at("/error/data/reason").asString()).isEqualTo("shutdown");
        await().until(() -> interrupted.get() == 1 && server.kernel().inFlight() == 0);
        assertThat(call.abandoned).as("the handler's own ending adds nothing after the answer").isFalse();
    }

    @Test
    void end_withABatchInFlight_answersTheBatchOnceWithEveryResponse() {
        Session s = session("2025-03-26");
        RecordingExchange batch = new RecordingExchange();
        s.handle(server.codec().decode("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}]"), batch);
        await().until(() -> server.kernel().inFlight() == 2);
        assertThat(server.sessionHost().end(s.id())).isTrue();
        JsonNode answers = batch.await();
        assertThat(answers.isArray()).isTrue();
        assertThat(answers.size()).isEqualTo(2);
        for (JsonNode a : answers) assertThat(a.at("/error/message").asString()).isEqualTo("Session ended: deleted by the client");
        await().until(() -> interrupted.get() == 2 && server.kernel().inFlight() == 0);
        assertThat(server.kernel().ledger().balanced()).isTrue();
    }

    @Test
    void aRequestReachingASessionAfterItEnded_isAnsweredSessionEnded() {
        Session s = session("2025-11-25");
        assertThat(server.sessionHost().end(s.id())).isTrue();
        JsonNode error = hold(s, 9).await();
        assertThat(error.at("/id").asInt()).isEqualTo(9);
        assertThat(error.at("/error/code").asInt()).isEqualTo(Session.SESSION_ENDED);
        assertThat(error.at("/error/message").asString()).contains("deleted by the client");
        assertThat(interrupted.get()).isZero();
    }
}
