package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.spi.SessionHost;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ContextFrameTest {
    private static final Principal ALICE = new Principal("alice", "app", "acme", Set.of(),
            Map.of("stage", "staging", "risk", "medium", "flags", List.of("beta")));
    private final AtomicLong ids = new AtomicLong();
    private McpServer server;

    @BeforeEach
    void start() {
        server = McpServer.builder("frames", "1.0")
                .tool("frame", "Says its frame", ObjectNode.class, (a, c) -> {
                    ContextFrame f = c.frame();
                    return f.tenant() + "|" + f.stage() + "|" + f.risk().wireName() + "|" + new java.util.TreeSet<>(f.flags()) + "|" + f.deadline();
                })
                .build();
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void frame_fromTokenClaimsAndMeta_reachesTheHandler() {
        Session s = session(ALICE);
        JsonNode r = send(s, "{\"name\":\"frame\",\"_meta\":{\"io.switchboard/risk\":\"low\",\"io.switchboard/flags\":[\"dry-run\"],"
                + "\"io.switchboard/deadlineMs\":5000}}", ALICE);

        assertThat(text(r)).isEqualTo("acme|staging|low|[beta, dry-run]|PT5S");
    }

    @Test
    void frame_withoutTokenOrMeta_isOpen() {
        assertThat(text(send(session(null), "{\"name\":\"frame\"}", null))).isEqualTo("null|null|high|[]|null");
    }

    @Test
    void metaRisk_aboveTheTokensAllowance_isRefusedNamingBoth() {
        JsonNode r = send(session(ALICE), "{\"name\":\"frame\",\"_meta\":{\"io.switchboard/risk\":\"high\"}}", ALICE);

        assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(r.at("/error/message").asString()).contains("io.switchboard/risk", "'high'", "at most 'medium'");
    }

    @Test
    void metaTenant_contradictingTheToken_isRefused_butRepeatingItIsFine() {
        Session s = session(ALICE);
        JsonNode r = send(s, "{\"name\":\"frame\",\"_meta\":{\"io.switchboard/tenant\":\"globex\"}}", ALICE);
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(r.at("/error/message").asString()).contains("tenant 'globex'", "'acme'");

        assertThat(text(send(s, "{\"name\":\"frame\",\"_meta\":{\"io.switchboard/tenant\":\"acme\"}}", ALICE))).startsWith("acme|");
    }

    @Test
    void unknownStage_isRefusedNamingTheKnownOnes_andTheSessionGoesOn() {
        Session s = session(null);
        JsonNode r = send(s, "{\"name\":\"frame\",\"_meta\":{\"io.switchboard/stage\":\"prdo\"}}", null);

        assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(r.at("/error/message").asString()).contains("unknown stage 'prdo'", "io.switchboard/stage", "dev, prod, staging, test");
        assertThat(text(send(s, "{\"name\":\"frame\",\"_meta\":{\"io.switchboard/stage\":\"prod\"}}", null))).isEqualTo("null|prod|high|[]|null");
    }

    @Test
    void malformedMeta_isRefusedNamingTheKey() {
        Session s = session(null);
        assertThat(send(s, "{\"name\":\"frame\",\"_meta\":{\"io.switchboard/flags\":\"beta\"}}", null).at("/error/message").asString())
                .contains("io.switchboard/flags", "array of strings");
        assertThat(send(s, "{\"name\":\"frame\",\"_meta\":{\"io.switchboard/risk\":\"extreme\"}}", null).at("/error/message").asString())
                .contains("low, medium or high", "'extreme'");
    }

    private static String text(JsonNode r) {
        return r.at("/result/content/0/text").asString();
    }

    private Session session(Principal who) {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        call(s, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}", who);
        return s;
    }

    private JsonNode send(Session s, String params, Principal who) {
        return call(s, "tools/call", params, who);
    }

    private JsonNode call(Session s, String method, String params, Principal who) {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet() + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
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
