package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.Exchange;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11, defect 6: the unsigned {@code inputResponses} of a stateless retry answer only the round
 * the client was last asked. An answer that would replace one signed into the {@code requestState}
 * ("Alice" becoming "Mallory") and answers to a later round sent without the state that carries the
 * earlier ones are -32602; unknown keys stay ignored, as SEP-2322 wants.
 */
class InputRoundAnswerRulesTest {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private final AtomicInteger completed = new AtomicInteger();
    private McpServer server;

    @BeforeEach
    void start() {
        ObjectNode schema = MAPPER.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("v").put("type", "string");
        server = McpServer.builder("rules", "1.0.0")
                .settings(McpSettings.defaults().withRequestStateKey("a-shared-secret-of-some-length"))
                .tool(Tools.Tool.of("two_rounds", "asks a name, then a colour", MAPPER.createObjectNode().put("type", "object")), (a, c) -> {
                    String name = c.ask(Map.of("user_name", InputRequest.elicit("Name?", schema))).elicitation("user_name").content().path("v").asString();
                    String colour = c.ask(Map.of("colour", InputRequest.elicit("Colour?", schema))).elicitation("colour").content().path("v").asString();
                    completed.incrementAndGet();
                    return name + " likes " + colour;
                })
                .build();
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void retry_overridingASignedAnswer_isRefusedBeforeTheHandlerRuns() {
        String state1 = call(null, null).path("result").path("requestState").asString();
        String state2 = call(answers("user_name", "Alice"), state1).path("result").path("requestState").asString();
        ObjectNode forged = answers("user_name", "Mallory");
        forged.set("colour", accept("blue"));
        JsonNode refused = call(forged, state2);
        assertThat(refused.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(refused.path("error").path("message").asString())
                .contains("inputResponses['user_name']").contains("would replace the answer an earlier round gave").contains("[colour]");
        assertThat(completed).hasValue(0);
    }

    @Test
    void retry_answeringOnlyTheAskedKey_finishesWithTheSignedAnswer() {
        String state1 = call(null, null).path("result").path("requestState").asString();
        String state2 = call(answers("user_name", "Alice"), state1).path("result").path("requestState").asString();
        JsonNode done = call(answers("colour", "blue"), state2).path("result");
        assertThat(done.path("content").get(0).path("text").asString()).isEqualTo("Alice likes blue");
    }

    @Test
    void answersToALaterRound_withoutTheRequestState_areRefused() {
        ObjectNode skipping = answers("user_name", "Alice");
        skipping.set("colour", accept("blue"));
        JsonNode refused = call(skipping, null);
        assertThat(refused.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(refused.path("error").path("message").asString())
                .contains("inputResponses['colour']").contains("answers a later round").contains("requestState");
        assertThat(completed).hasValue(0);
    }

    @Test
    void answersToALaterRound_besideTheStateOfAnEarlierOne_areIgnoredAndAskedAgain() {
        String state1 = call(null, null).path("result").path("requestState").asString();
        ObjectNode early = answers("user_name", "Alice");
        early.set("colour", accept("blue"));
        JsonNode round2 = call(early, state1).path("result");
        assertThat(round2.path("resultType").asString()).isEqualTo("input_required");
        assertThat(round2.path("inputRequests").propertyNames()).containsExactly("colour");
        assertThat(completed).hasValue(0);
    }

    @Test
    void firstRoundAnswers_withoutAState_andUnknownKeys_stillWork() {
        ObjectNode first = answers("user_name", "Alice");
        first.set("unknown_extra_key", accept("x"));
        JsonNode round2 = call(first, null).path("result");
        assertThat(round2.path("resultType").asString()).isEqualTo("input_required");
        assertThat(round2.path("inputRequests").propertyNames()).containsExactly("colour");
        JsonNode done = call(answers("colour", "red"), round2.path("requestState").asString()).path("result");
        assertThat(done.path("content").get(0).path("text").asString()).isEqualTo("Alice likes red");
    }

    private static ObjectNode answers(String key, String value) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set(key, accept(value));
        return o;
    }

    private static ObjectNode accept(String value) {
        ObjectNode o = MAPPER.createObjectNode().put("action", "accept");
        o.putObject("content").put("v", value);
        return o;
    }

    /** One stateless tools/call of {@code two_rounds}; the whole JSON-RPC response. */
    private JsonNode call(ObjectNode inputResponses, String requestState) {
        ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 7).put("method", "tools/call");
        ObjectNode params = request.putObject("params").put("name", "two_rounds");
        if (inputResponses != null) params.set("inputResponses", inputResponses);
        if (requestState != null) params.put("requestState", requestState);
        ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities").putObject("elicitation");
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        server.sessionHost().handleStateless(server.codec().decode(request.toString()), new Exchange() {
            @Override
            public void send(byte[] message) {}

            @Override
            public void respond(byte[] response) {
                answer.complete(MAPPER.readTree(response));
            }

            @Override
            public void abandon() {
                answer.complete(null);
            }

            @Override
            public Map<String, List<String>> headers() {
                return Map.of();
            }
        });
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }
}
