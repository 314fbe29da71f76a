package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.spi.SessionHost;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class BudgetsTest {
    private final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    private final CompletableFuture<Duration> timeLeftAtStart = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private McpServer server;

    private McpServer start(Budgets budgets) {
        server = McpServer.builder("budgets", "1.0").budgets(budgets)
                .tool("sleep", "Sleeps a minute unless interrupted", ObjectNode.class, (a, c) -> {
                    timeLeftAtStart.complete(c.timeLeft());
                    try {
                        Thread.sleep(60_000);
                        interrupted.complete(false);
                        return "slept";
                    } catch (InterruptedException e) {
                        interrupted.complete(true);
                        throw e;
                    }
                })
                .tool("quick", "Says how long it had left", ObjectNode.class, (a, c) -> String.valueOf(c.timeLeft()))
                .build();
        return server;
    }

    @AfterEach
    void close() {
        if (server != null) server.close();
    }

    @Test
    void deadlineInMeta_interruptsTheSleepingHandler_andTheClientGetsAnErrorNamingIt() throws Exception {
        Session s = session(start(Budgets.none()), null);
        JsonNode r = send(s, "tools/call", "{\"name\":\"sleep\",\"_meta\":{\"io.switchboard/deadlineMs\":700}}", null);

        assertThat(r.at("/error/code").asInt()).isEqualTo(Budgets.DEADLINE_EXCEEDED);
        assertThat(r.at("/error/message").asString()).contains("deadline of 700 ms", "_meta io.switchboard/deadlineMs");
        assertThat(r.at("/error/data/deadlineMs").asLong()).isEqualTo(700);
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(timeLeftAtStart.get(1, TimeUnit.SECONDS)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(700));
        // the session goes on
        assertThat(send(s, "tools/call", "{\"name\":\"quick\"}", null).at("/result/content/0/text").asString()).isEqualTo("null");
    }

    @Test
    void configuredTimeout_endsARequestWithoutOne_andAShorterClientDeadlineWins() throws Exception {
        Session s = session(start(Budgets.none().withRequestTimeout(Duration.ofMillis(800))), null);
        JsonNode r = send(s, "tools/call", "{\"name\":\"sleep\"}", null);

        assertThat(r.at("/error/code").asInt()).isEqualTo(Budgets.DEADLINE_EXCEEDED);
        assertThat(r.at("/error/message").asString()).contains("deadline of 800 ms", "budgets.requestTimeoutMs");
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
        String left = send(s, "tools/call", "{\"name\":\"quick\",\"_meta\":{\"io.switchboard/deadlineMs\":50000}}", null).at("/result/content/0/text").asString();
        assertThat(Duration.parse(left)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void deadlineInMeta_notAPositiveInteger_isInvalidParams() {
        Session s = session(start(Budgets.none()), null);
        for (String bad : new String[] {"0", "-5", "\"soon\"", "1.5"}) {
            JsonNode r = send(s, "tools/call", "{\"name\":\"quick\",\"_meta\":{\"io.switchboard/deadlineMs\":" + bad + "}}", null);
            assertThat(r.at("/error/code").asInt()).as(bad).isEqualTo(-32602);
            assertThat(r.at("/error/message").asString()).as(bad).contains("io.switchboard/deadlineMs");
        }
    }

    @Test
    void sessionOverItsCallBudget_isRefusedNamingIt_andTheNextWindowAdmitsIt() throws Exception {
        McpServer srv = start(Budgets.none().withCalls(3, 0).withWindow(Duration.ofSeconds(10)));
        Session s = session(srv, null);
        for (int i = 0; i < 3; i++) assertThat(send(s, "tools/call", "{\"name\":\"quick\"}", null).has("result")).isTrue();
        JsonNode refused = send(s, "tools/call", "{\"name\":\"quick\"}", null);

        assertThat(refused.at("/error/code").asInt()).isEqualTo(-32000);
        assertThat(refused.at("/error/data/budget").asString()).isEqualTo("budgets.sessionCallsPerMinute");
        assertThat(refused.at("/error/message").asString()).contains("budgets.sessionCallsPerMinute", "3 tool calls");
        long retryAfterMs = refused.at("/error/data/retryAfterMs").asLong();
        assertThat(retryAfterMs).isBetween(1L, 10_001L);
        // other requests of the session and other sessions are not counted against it
        assertThat(send(s, "tools/list", null, null).has("result")).isTrue();
        assertThat(send(session(srv, null), "tools/call", "{\"name\":\"quick\"}", null).has("result")).isTrue();

        Thread.sleep(retryAfterMs + 200);
        assertThat(send(s, "tools/call", "{\"name\":\"quick\"}", null).has("result")).isTrue();
    }

    @Test
    void tenantOverItsCallBudget_isRefusedAcrossItsSessions_whileOtherTenantsGoOn() {
        McpServer srv = start(Budgets.none().withCalls(0, 2).withWindow(Duration.ofMinutes(5)));
        Principal alice = new Principal("alice", "app", "acme", Set.of(), Map.of());
        Principal bob = new Principal("bob", "app", "acme", Set.of(), Map.of());
        Principal carol = new Principal("carol", "app", "globex", Set.of(), Map.of());
        assertThat(send(session(srv, alice), "tools/call", "{\"name\":\"quick\"}", alice).has("result")).isTrue();
        Session bobs = session(srv, bob);
        assertThat(send(bobs, "tools/call", "{\"name\":\"quick\"}", bob).has("result")).isTrue();

        JsonNode refused = send(bobs, "tools/call", "{\"name\":\"quick\"}", bob);
        assertThat(refused.at("/error/code").asInt()).isEqualTo(-32000);
        assertThat(refused.at("/error/data/budget").asString()).isEqualTo("budgets.tenantCallsPerMinute");
        assertThat(refused.at("/error/message").asString()).contains("tenant 'acme'");
        assertThat(refused.at("/error/data/retryAfterMs").asLong()).isBetween(1L, 300_001L);
        assertThat(send(session(srv, carol), "tools/call", "{\"name\":\"quick\"}", carol).has("result")).isTrue();
        // without a tenant nothing is counted
        Session anonymous = session(srv, null);
        for (int i = 0; i < 4; i++) assertThat(send(anonymous, "tools/call", "{\"name\":\"quick\"}", null).has("result")).isTrue();
    }

    private Session session(McpServer srv, Principal who) {
        Session s = (Session) ((SessionHost.Opened.Session) srv.sessionHost().open("test")).session();
        send(s, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}", who);
        return s;
    }

    private JsonNode send(Session s, String method, String params, Principal who) {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet() + ",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
        RecordingExchange ex = new RecordingExchange() {
            @Override
            public Principal principal() {
                return who;
            }
        };
        s.handle(server.codec().decode(json), ex);
        return ex.await();
    }
}
