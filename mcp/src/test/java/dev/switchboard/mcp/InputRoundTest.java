package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.Exchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * input_required round trips of the stateless era (SEP-2322), in process: the same handler code
 * that sends server-to-client requests to a session client ends a stateless round with the
 * requests it still needs, and the retry's answers let it finish. Request states are signed, bound
 * to the request, and portable to another server with the same key.
 */
class InputRoundTest {
    private static final String KEY = "a-shared-secret-of-some-length";
    private final AtomicInteger runs = new AtomicInteger();
    private McpServer server;

    private McpServer server(String key) {
        ObjectNode nameSchema = RecordingExchange.MAPPER.createObjectNode().put("type", "object");
        nameSchema.putObject("properties").putObject("name").put("type", "string");
        return McpServer.builder("rounds", "1.0.0")
                .settings(McpSettings.defaults().withRequestStateKey(key))
                .tool(Tools.Tool.of("two_rounds", "asks a name, then a colour", RecordingExchange.MAPPER.createObjectNode().put("type", "object")), (a, c) -> {
                    runs.incrementAndGet();
                    String name = c.ask(Map.of("name", InputRequest.elicit("Name?", nameSchema))).elicitation("name").content().path("name").asString();
                    Map<String, InputRequest> second = new LinkedHashMap<>();
                    second.put("colour", InputRequest.elicit("Colour?", nameSchema));
                    second.put("roots", InputRequest.roots());
                    InputResponses in = c.ask(second);
                    return name + " likes " + in.elicitation("colour").content().path("name").asString() + " in " + in.roots("roots").size() + " root(s)";
                })
                .build();
    }

    @AfterEach
    void close() {
        if (server != null) server.close();
    }

    @Test
    void call_withoutAnswers_endsTheRoundWithEveryRequestItStillNeeds() {
        server = server(KEY);
        JsonNode round1 = call(server, null, null).path("result");
        assertThat(round1.path("resultType").asString()).isEqualTo("input_required");
        assertThat(round1.path("inputRequests").propertyNames()).containsExactly("name");
        assertThat(round1.path("inputRequests").path("name").path("method").asString()).isEqualTo("elicitation/create");
        assertThat(round1.path("inputRequests").path("name").path("params").path("message").asString()).isEqualTo("Name?");
        assertThat(round1.path("requestState").asString()).contains(".");
    }

    @Test
    void rounds_carryEarlierAnswersInTheState_andFinish() {
        server = server(KEY);
        JsonNode round1 = call(server, null, null).path("result");
        JsonNode round2 = call(server, answers("name", accept("name", "Ada")), round1.path("requestState").asString()).path("result");
        assertThat(round2.path("resultType").asString()).isEqualTo("input_required");
        assertThat(round2.path("inputRequests").propertyNames()).containsExactly("colour", "roots");
        assertThat(round2.path("requestState").asString()).isNotEqualTo(round1.path("requestState").asString());
        ObjectNode last = answers("colour", accept("name", "green"));
        last.putObject("roots").putArray("roots").addObject().put("uri", "file:///r").put("name", "R");
        JsonNode done = call(server, last, round2.path("requestState").asString()).path("result");
        assertThat(done.path("resultType").asString()).isEqualTo("complete");
        assertThat(done.path("content").get(0).path("text").asString()).isEqualTo("Ada likes green in 1 root(s)");
        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void state_fromAnotherServerWithTheSameKey_continuesTheRequest() {
        server = server(KEY);
        try (McpServer other = server(KEY)) {
            JsonNode round1 = call(server, null, null).path("result");
            JsonNode round2 = call(other, answers("name", accept("name", "Ada")), round1.path("requestState").asString()).path("result");
            assertThat(round2.path("inputRequests").propertyNames()).containsExactly("colour", "roots");
        }
    }

    @Test
    void listCursor_fromAnotherServerWithTheSameKey_continuesThePaging() {
        McpSettings paged = McpSettings.defaults().withRequestStateKey(KEY).withPageSize(1);
        ObjectNode schema = RecordingExchange.MAPPER.createObjectNode().put("type", "object");
        try (McpServer a = McpServer.builder("a", "1").settings(paged).tool(Tools.Tool.of("t1", "one", schema), (x, c) -> "1")
                .tool(Tools.Tool.of("t2", "two", schema), (x, c) -> "2").build();
             McpServer b = McpServer.builder("b", "1").settings(paged).tool(Tools.Tool.of("t1", "one", schema), (x, c) -> "1")
                     .tool(Tools.Tool.of("t2", "two", schema), (x, c) -> "2").build()) {
            String cursor = send(a, listTools(null)).path("result").path("nextCursor").asString();
            JsonNode page2 = send(b, listTools(cursor)).path("result");
            assertThat(page2.path("tools").get(0).path("name").asString()).isEqualTo("t2");
        }
    }

    private static ObjectNode listTools(String cursor) {
        ObjectNode request = RecordingExchange.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 3).put("method", "tools/list");
        ObjectNode params = request.putObject("params");
        if (cursor != null) params.put("cursor", cursor);
        ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        return request;
    }

    @Test
    void state_fromAServerWithAnotherKey_isRefusedBeforeTheHandlerRuns() {
        server = server(KEY);
        try (McpServer other = server("another-secret-entirely-here")) {
            JsonNode round1 = call(server, null, null).path("result");
            int before = runs.get();
            JsonNode refused = call(other, answers("name", accept("name", "Ada")), round1.path("requestState").asString());
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(refused.path("error").path("message").asString()).contains("requestState integrity check failed");
            assertThat(runs.get()).isEqualTo(before);
        }
    }

    @Test
    void tamperedState_isRefused() {
        server = server(KEY);
        String state = call(server, null, null).path("result").path("requestState").asString();
        String forged = state.substring(0, state.indexOf('.') - 2) + "AA" + state.substring(state.indexOf('.'));
        for (String bad : List.of(state + "-TAMPERED", forged, "not-a-state", ""))
            assertThat(call(server, answers("name", accept("name", "Ada")), bad).path("error").path("message").asString())
                    .as(bad).startsWith("Invalid params: requestState");
    }

    @Test
    void answerOfTheWrongKind_isAnInvalidParamsError_notAToolResult() {
        server = server(KEY);
        ObjectNode wrong = RecordingExchange.MAPPER.createObjectNode().put("name", 12345);
        JsonNode refused = call(server, wrong, null);
        assertThat(refused.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(refused.path("error").path("message").asString()).contains("inputResponses['name']").contains("elicitation/create");
    }

    @Test
    void unaskedAnswers_areIgnoredAndNotCarriedOn() {
        server = server(KEY);
        ObjectNode extra = answers("name", accept("name", "Ada"));
        extra.set("unrelated", accept("x", "y"));
        JsonNode round2 = call(server, extra, null).path("result");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(round2.path("requestState").asString().split("\\.")[0]));
        assertThat(payload).contains("Ada").doesNotContain("unrelated");
    }

    private static ObjectNode answers(String key, ObjectNode answer) {
        ObjectNode o = RecordingExchange.MAPPER.createObjectNode();
        o.set(key, answer);
        return o;
    }

    private static ObjectNode accept(String field, String value) {
        ObjectNode o = RecordingExchange.MAPPER.createObjectNode().put("action", "accept");
        o.putObject("content").put(field, value);
        return o;
    }

    /** One stateless tools/call of {@code two_rounds}; the whole JSON-RPC response. */
    private static JsonNode call(McpServer server, ObjectNode inputResponses, String requestState) {
        ObjectNode request = RecordingExchange.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 7).put("method", "tools/call");
        ObjectNode params = request.putObject("params").put("name", "two_rounds");
        if (inputResponses != null) params.set("inputResponses", inputResponses);
        if (requestState != null) params.put("requestState", requestState);
        ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities").<ObjectNode>putObject("elicitation");
        ((ObjectNode) meta.get("io.modelcontextprotocol/clientCapabilities")).putObject("roots");
        return send(server, request);
    }

    private static JsonNode send(McpServer server, ObjectNode request) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        server.sessionHost().handleStateless(server.codec().decode(request.toString()), new Exchange() {
            @Override
            public void send(byte[] message) {}

            @Override
            public void respond(byte[] response) {
                answer.complete(RecordingExchange.MAPPER.readTree(response));
            }

            @Override
            public void abandon() {
                answer.complete(null);
            }

            @Override
            public Map<String, List<String>> headers() {
                return Map.of(); // like stdio: no HTTP headers to check against the body
            }
        });
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }

    @Test
    void resourceRead_canRunAnInputRoundToo() {
        ObjectNode schema = RecordingExchange.MAPPER.createObjectNode().put("type", "object");
        try (McpServer reader = McpServer.builder("r", "1").settings(McpSettings.defaults().withRequestStateKey(KEY))
                .resource("test://secret", "secret", "asks before it opens", "text/plain",
                        (uri, vars, c) -> "for " + c.elicit("Who?", schema).content().path("n").asString())
                .build()) {
            JsonNode round1 = read(reader, null, null).path("result");
            assertThat(round1.path("resultType").asString()).isEqualTo("input_required");
            ObjectNode answer = answers("elicitation-1", accept("n", "Ada"));
            JsonNode done = read(reader, answer, round1.path("requestState").asString()).path("result");
            assertThat(done.path("contents").get(0).path("text").asString()).isEqualTo("for Ada");
        }
    }

    private static JsonNode read(McpServer server, ObjectNode inputResponses, String requestState) {
        ObjectNode request = RecordingExchange.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 9).put("method", "resources/read");
        ObjectNode params = request.putObject("params").put("uri", "test://secret");
        if (inputResponses != null) params.set("inputResponses", inputResponses);
        if (requestState != null) params.put("requestState", requestState);
        ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities").putObject("elicitation");
        return send(server, request);
    }
}
