package dev.switchboard.mcp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.RequestId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Params that do not fit their method's record: -32602 naming the member, with the id kept. */
class JsonRpcCodecParamsTest {

    private final JsonRpcCodec codec = JsonRpcCodec.create();

    private Decoded.Failure failure(String method, String params) {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"" + method + "\",\"params\":" + params + "}");
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        Decoded.Failure failure = (Decoded.Failure) decoded;
        assertThat(failure.id()).as("id is kept for the error response").isEqualTo(RequestId.of(11));
        assertThat(failure.method()).isEqualTo(method);
        assertThat(failure.replyExpected()).isTrue();
        return failure;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "tools/call         | {\"name\":5}                                   | params.name must be a string, got an integer",
        "tools/call         | {\"name\":\"t\",\"arguments\":\"x\"}           | params.arguments must be an object, got a string",
        "tools/call         | {\"name\":\"t\",\"arguments\":[1]}             | params.arguments must be an object, got an array",
        "tools/call         | {}                                             | missing required member params.name",
        "tools/call         | {\"arguments\":{}}                             | missing required member params.name",
        "resources/read     | {\"uri\":true}                                 | params.uri must be a string, got a boolean",
        "prompts/get        | {\"name\":\"p\",\"arguments\":{\"a\":1}}       | params.arguments.a must be a string, got an integer",
        "logging/setLevel   | {\"level\":\"loud\"}                           | params.level must be one of debug, info, notice, warning, error, critical, alert, emergency, got \"loud\"",
        "completion/complete| {\"ref\":{\"type\":\"ref/x\"},\"argument\":{\"name\":\"a\",\"value\":\"b\"}} | params.ref.type 'ref/x' is not a known type",
        "completion/complete| {\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"value\":\"b\"}} | missing required member params.argument.name",
        "sampling/createMessage | {\"messages\":[],\"maxTokens\":\"5\"}        | params.maxTokens must be an integer, got a string",
        "sampling/createMessage | {\"messages\":[],\"maxTokens\":5.5}          | params.maxTokens must be an integer, got a fractional number",
        "notifications/cancelled | {\"requestId\":{}}                          | params.requestId must be a string or an integer",
        "tools/list         | {\"cursor\":7}                                 | params.cursor must be a string, got an integer",
        "resources/subscribe| {\"uri\":\"u\",\"_meta\":\"m\"}               | params._meta must be an object, got a string",
    })
    void decode_paramsOfWrongShape_isInvalidParamsNamingMember(String method, String params, String problem) {
        Decoded.Failure failure = failure(method, params);
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failure.message()).startsWith("Invalid params for " + method + ": ").contains(problem);
    }

    @Test
    void decode_idAfterBadParams_isStillRecovered() {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":5,\"arguments\":{\"deep\":{\"x\":[1,2,{}]}}},\"id\":\"late\"}");
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(failure.id()).isEqualTo(RequestId.of("late"));
        });
    }

    @Test
    void decode_positionalParams_isInvalidParams() {
        Decoded.Failure failure = failure("tools/call", "[\"echo\"]");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failure.message()).contains("params must be an object");
    }

    @Test
    void decode_scalarParams_isInvalidRequest() {
        Decoded.Failure failure = failure("tools/call", "\"echo\"");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).isEqualTo("Invalid request: params must be an object, got a string");
    }

    @Test
    void decode_progressTokenOfWrongType_isInvalidParams() {
        Decoded.Failure failure = failure("tools/call", "{\"name\":\"t\",\"_meta\":{\"progressToken\":{}}}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failure.message()).contains("params._meta.progressToken must be a string or an integer");
    }

    @Test
    void decode_tooLargeNumberInTypedField_isInvalidParams() {
        Decoded.Failure failure = failure("sampling/createMessage", "{\"messages\":[],\"maxTokens\":99999999999999999999999}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failure.message()).contains("params.maxTokens");
    }

    @Test
    void builder_registeredMethod_bindsToItsRecord() {
        record TaskGet(String taskId, @com.fasterxml.jackson.annotation.JsonProperty("_meta")
                tools.jackson.databind.node.ObjectNode meta) implements Params {}
        JsonRpcCodec withTasks = JsonRpcCodec.builder().method("tasks/get", TaskGet.class).build();
        Decoded decoded = withTasks.decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"t1\"}}");
        assertThat(((Decoded.Request) decoded).params()).isEqualTo(new TaskGet("t1", null));
    }
}
