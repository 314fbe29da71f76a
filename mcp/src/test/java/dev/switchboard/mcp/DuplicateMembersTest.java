package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.SessionHost;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, defect 7: a member named twice inside {@code params} (at any depth, {@code arguments}
 * included) is -32602 naming it, as a duplicate in the envelope is -32600, instead of the last one
 * silently winning ({@code {"name":"echo","name":"add"}} ran {@code add}).
 */
class DuplicateMembersTest {
    private final JsonRpcCodec codec = JsonRpcCodec.create();

    private Decoded.Failure failure(String json) {
        Decoded decoded = codec.decode(json);
        assertThat(decoded).as(json).isInstanceOf(Decoded.Failure.class);
        return (Decoded.Failure) decoded;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"echo\",\"name\":\"add\"}                                  | name",
        "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2,\"a\":3}}                | arguments.a",
        "{\"name\":\"add\",\"arguments\":{\"o\":{\"x\":1,\"x\":2}}}                 | arguments.o.x",
        "{\"name\":\"add\",\"arguments\":{\"l\":[{\"k\":1},{\"k\":1,\"k\":2}]}}       | arguments.l.1.k",
        "{\"name\":\"add\",\"_meta\":{\"progressToken\":1,\"progressToken\":2}}   | _meta.progressToken",
        "{\"name\":\"add\",\"arguments\":{},\"arguments\":{\"a\":1}}              | arguments",
    })
    void decode_duplicateInsideParams_isInvalidParamsNamingIt(String params, String member) {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":" + params + "}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failure.message()).isEqualTo("Invalid params for tools/call: duplicate member '" + member + "' in params");
        assertThat(failure.id()).isEqualTo(RequestId.of(7));
        assertThat(failure.replyExpected()).isTrue();
    }

    @Test
    void decode_duplicateInParamsOfAMethodWithoutARecord_isInvalidParamsToo() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"vendor/thing\",\"params\":{\"a\":1,\"a\":2}}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failure.message()).contains("duplicate member 'a'");
        assertThat(failure.id()).isEqualTo(RequestId.of("x"));
    }

    @Test
    void decode_duplicateInANotificationsParams_isNotAnswered() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":1,\"progressToken\":2,\"progress\":1}}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failure.replyExpected()).isFalse();
    }

    @Test
    void decode_duplicateEnvelopeMember_staysInvalidRequestWithTheFirstId() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).isEqualTo("Invalid request: duplicate member 'id'");
        assertThat(failure.id()).isEqualTo(RequestId.of(1));
    }

    @Test
    void decode_duplicateInAResponseResult_isInvalidAndNotAnswered() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":1,\"a\":2}}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).contains("duplicate member 'a' in result");
        assertThat(failure.replyExpected()).isFalse();
    }

    @Test
    void decode_sameNameInSiblingObjects_isNotADuplicate() {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"name\":\"n\",\"o\":{\"name\":1},\"p\":{\"name\":2}}}}");
        assertThat(decoded).isInstanceOf(Decoded.Request.class);
    }

    @Test
    void toolsCall_withTheToolNamedTwice_runsNeitherTool() {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        tools.jackson.databind.node.ObjectNode schema = RecordingExchange.MAPPER.createObjectNode().put("type", "object");
        try (McpServer server = McpServer.builder("dup", "1")
                .tool(Tools.Tool.of("echo", "echo", schema), (a, c) -> "echo " + runs.incrementAndGet())
                .tool(Tools.Tool.of("add", "add", schema), (a, c) -> "add " + runs.incrementAndGet())
                .build()) {
            Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
            RecordingExchange init = new RecordingExchange();
            s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"), init);
            init.await();
            RecordingExchange call = new RecordingExchange();
            s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"name\":\"add\",\"arguments\":{}}}"), call);
            tools.jackson.databind.JsonNode answer = call.await();
            assertThat(answer.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(answer.at("/id").asInt()).isEqualTo(2);
            assertThat(runs).hasValue(0);
        }
    }
}
