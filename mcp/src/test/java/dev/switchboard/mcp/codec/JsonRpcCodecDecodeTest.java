package dev.switchboard.mcp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.PaginatedParams;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Tools;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Envelope decoding: every way a message can be malformed, with its JSON-RPC code and message. */
class JsonRpcCodecDecodeTest {

    private final JsonRpcCodec codec = JsonRpcCodec.create();

    private Decoded.Failure failure(String json) {
        Decoded decoded = codec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        return (Decoded.Failure) decoded;
    }

    @Test
    void decode_unknownMethod_isRequestWithRawParamsForMinus32601() {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/frobnicate\",\"params\":{\"a\":[1]}}");
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Request.class, request -> {
            assertThat(request.method()).isEqualTo("tools/frobnicate");
            assertThat(request.params()).isInstanceOfSatisfying(Params.Raw.class,
                    raw -> assertThat(raw.value().get("a").get(0).intValue()).isEqualTo(1));
            assertThat(JsonRpc.Error.methodNotFound(request.method()).message())
                    .isEqualTo("Method not found: tools/frobnicate");
        });
    }

    @Test
    void decode_paramsBeforeMethod_stillBindsTypedParams() {
        Decoded decoded = codec.decode("{\"params\":{\"name\":\"echo\"},\"id\":\"a\",\"method\":\"tools/call\",\"jsonrpc\":\"2.0\"}");
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Request.class,
                request -> assertThat(request.params()).isEqualTo(Tools.CallToolParams.of("echo", null)));
    }

    @Test
    void decode_unknownEnvelopeMembers_areIgnored() {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"x\":{\"deep\":[1,2]},\"method\":\"ping\",\"id\":3}");
        assertThat(decoded).isInstanceOf(Decoded.Request.class);
    }

    @Test
    void decode_nullParams_areTreatedAsAbsent() {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":null}");
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Request.class,
                request -> assertThat(request.params()).isEqualTo(PaginatedParams.FIRST_PAGE));
    }

    @Test
    void decode_resultResponse_keepsResultTree() {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{\"roots\":[]}}");
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Response.class, response -> {
            assertThat(response.id()).isEqualTo(RequestId.of("s-1"));
            assertThat(response.isError()).isFalse();
            assertThat(codec.convert(response.result(), Roots.ListRootsResult.class).roots()).isEmpty();
        });
    }

    @Test
    void decode_errorResponseWithNullId_isAccepted() {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Response.class, response -> {
            assertThat(response.id()).isNull();
            assertThat(response.error()).isEqualTo(JsonRpc.Error.of(-32700, "Parse error"));
        });
    }

    @Test
    void decode_malformedJson_isParseErrorWithLocation() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":}");
        assertThat(failure.code()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(failure.message()).startsWith("Parse error: ").contains("line 1, column 34");
        assertThat(failure.id()).isNull();
        assertThat(failure.replyExpected()).isTrue();
    }

    @Test
    void decode_truncatedJson_isParseError() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"");
        assertThat(failure.code()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(failure.message()).containsIgnoringCase("end-of-input");
    }

    @Test
    void decode_invalidUtf8_isParseErrorNamingUtf8() {
        byte[] bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p?ng\"}".getBytes(StandardCharsets.US_ASCII);
        bytes[36] = (byte) 0xff;
        Decoded decoded = codec.decode(bytes);
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(JsonRpc.PARSE_ERROR);
            assertThat(failure.message()).contains("UTF-8");
        });
    }

    @Test
    void decode_emptyInput_isParseError() {
        assertThat(failure("  \n").code()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(failure("").message()).isEqualTo("Parse error: empty message");
    }

    @Test
    void decode_trailingData_isParseError() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1} {}");
        assertThat(failure.code()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(failure.message()).contains("unexpected data after the message");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"id\":1,\"method\":\"ping\"}                      | it is missing",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}  | got \"1.0\"",
        "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}      | got a fractional number",
        "{\"jsonrpc\":[\"2.0\"],\"id\":1,\"method\":\"ping\"}| got an array",
    })
    void decode_wrongOrMissingJsonrpc_isInvalidRequestKeepingId(String json, String detail) {
        Decoded.Failure failure = failure(json);
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).contains("jsonrpc must be \"2.0\"").contains(detail);
        assertThat(failure.id()).isEqualTo(RequestId.of(1));
    }

    @Test
    void decode_missingMethod_isInvalidRequest() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"params\":{}}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).isEqualTo("Invalid request: missing method");
        assertThat(failure.id()).isEqualTo(RequestId.of("x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "5          | an integer",
        "{}         | an object",
        "[\"ping\"] | an array",
        "null       | null",
        "true       | a boolean",
    })
    void decode_methodNotAString_isInvalidRequest(String method, String kind) {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":" + method + "}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).isEqualTo("Invalid request: method must be a string, got " + kind);
        assertThat(failure.id()).isEqualTo(RequestId.of(4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1}                  | id must be a string or an integer, got an object",
        "[1]                        | id must be a string or an integer, got an array",
        "true                       | id must be a string or an integer, got a boolean",
        "1.5                        | id must be a string or an integer, got a fractional number",
        "null                       | id must be a string or an integer, got null",
        "123456789012345678901234   | id is outside the 64-bit integer range",
    })
    void decode_idOfWrongType_isInvalidRequest(String id, String problem) {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).contains(problem);
        assertThat(failure.id()).isNull();
        assertThat(failure.method()).isEqualTo("ping");
    }

    @Test
    void decode_duplicateMethod_isInvalidRequest() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{},\"method\":\"tools/call\"}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).contains("duplicate member 'method'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"5 | an integer", "\"hi\" | a string", "null | null"})
    void decode_messageNotAnObject_isInvalidRequest(String json, String kind) {
        Decoded.Failure failure = failure(json);
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).endsWith("got " + kind);
    }

    @Test
    void decode_resultAndError_isInvalidAndNotAnswered() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.replyExpected()).isFalse();
    }

    @Test
    void decode_errorWithoutCode_isInvalidRequest() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"message\":\"m\"}}");
        assertThat(failure.message()).contains("error.code must be an integer");
    }

    @Test
    void decode_brokenNotification_isNotAnswered() {
        Decoded.Failure failure = failure("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}");
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failure.replyExpected()).isFalse();
        assertThat(failure.message()).contains("params.progressToken");
    }

    @Test
    void decode_nesting10000Deep_failsFastNamingTheLimit() {
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":{\"a\":"
                + "[".repeat(10_000) + "]".repeat(10_000) + "}}}";
        Decoded.Failure failure = failure(deep);
        assertThat(failure.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(failure.message()).contains("nesting deeper than 512");
    }

    @Test
    void decode_nesting500Deep_isAccepted() {
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":{\"a\":"
                + "[".repeat(500) + "]".repeat(500) + "}}}";
        assertThat(codec.decode(deep)).isInstanceOf(Decoded.Request.class);
    }

    @Test
    void decode_sliceOfBuffer_readsOnlyTheSlice() {
        byte[] buffer = "xx{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}yy".getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(buffer, 2, buffer.length - 4)).isInstanceOf(Decoded.Notification.class);
    }
}
