package dev.switchboard.mcp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.protocol.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding envelopes, and echoing request ids exactly as received. */
class JsonRpcCodecEncodeTest {

    private final JsonRpcCodec codec = JsonRpcCodec.create();

    @Test
    void encodeResult_record_writesEnvelopeThenResult() {
        byte[] bytes = codec.encodeResult(RequestId.of(2), Tools.CallToolResult.text("hi"));
        assertThat(Wire.text(bytes)).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}}");
    }

    @Test
    void encodeResult_nullResult_writesEmptyObject() {
        assertThat(Wire.text(codec.encodeResult(RequestId.of("a"), null)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}");
    }

    @Test
    void encodeError_withoutId_writesNullId() {
        Decoded.Failure failure = (Decoded.Failure) codec.decode("{oops");
        assertThat(Wire.text(codec.encodeError(failure)))
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: ");
    }

    @Test
    void encodeError_withData_writesData() {
        JsonRpc.Error error = JsonRpc.Error.invalidParams("Unsupported protocol version")
                .withData(Wire.tree("{\"supported\":[\"2025-11-25\"],\"requested\":\"1.0.0\"}"));
        Wire.assertSameJson(Wire.tree(codec.encodeError(RequestId.of(1), error)), Wire.tree("""
                {"jsonrpc": "2.0", "id": 1, "error": {"code": -32602, "message": "Unsupported protocol version",
                 "data": {"supported": ["2025-11-25"], "requested": "1.0.0"}}}
                """));
    }

    @Test
    void encodeNotification_emptyParams_omitsParams() {
        assertThat(Wire.text(codec.encodeNotification(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED, Params.Empty.INSTANCE)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
    }

    @Test
    void encodeNotification_progress_writesTokenAsSent() {
        byte[] bytes = codec.encodeNotification(McpMethods.NOTIFICATION_PROGRESS,
                ProgressParams.of(ProgressToken.of(7), 1, 4).withMessage("1/4"));
        assertThat(Wire.text(bytes)).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                + "\"params\":{\"progressToken\":7,\"progress\":1.0,\"total\":4.0,\"message\":\"1/4\"}}");
    }

    @Test
    void encodeRequest_rawParams_writesTheTreeItself() {
        byte[] bytes = codec.encodeRequest(RequestId.of(9), "x/y", new Params.Raw(Wire.tree("{\"a\":1}")));
        assertThat(Wire.text(bytes)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"x/y\",\"params\":{\"a\":1}}");
    }

    @ParameterizedTest(name = "id {0}")
    @ValueSource(strings = {"1", "\"1\"", "0", "-7", "9007199254740993", "9223372036854775807", "-9223372036854775808",
        "\"\"", "\"f0a1-\\u00e9\\ud83d\\ude00\"", "\"9007199254740993\""})
    void encodeResult_decodedId_isEchoedExactly(String id) {
        Decoded decoded = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
        RequestId requestId = ((Decoded.Request) decoded).id();
        String echoed = Wire.text(codec.encodeResult(requestId, JsonRpc.EmptyResult.INSTANCE));
        assertThat(Wire.tree(echoed).get("id")).isEqualTo(Wire.tree("{\"id\":" + id + "}").get("id"));
        assertThat(Wire.tree(echoed).get("id").isString()).isEqualTo(id.startsWith("\""));
    }

    @Test
    void requestId_stringAndNumber_areDistinct() {
        assertThat(RequestId.of("1")).isNotEqualTo(RequestId.of(1));
        assertThat(RequestId.of("1").toString()).isEqualTo("\"1\"");
        assertThat(RequestId.of(1).toString()).isEqualTo("1");
    }

    @Test
    void encodeBatch_messages_joinsIntoArray() {
        byte[] batch = JsonRpcCodec.encodeBatch(List.of(codec.encodeResult(RequestId.of(1), null),
                codec.encodeError(RequestId.of(2), JsonRpc.Error.methodNotFound("x"))));
        assertThat(Wire.tree(batch).size()).isEqualTo(2);
        assertThat(Wire.text(JsonRpcCodec.encodeBatch(List.of()))).isEqualTo("[]");
    }

    @Test
    void encodeResult_unserializableResult_throwsInternalError() {
        Object selfReferencing = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };
        assertThatThrownBy(() -> codec.encodeResult(RequestId.of(1), selfReferencing))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.INTERNAL_ERROR));
    }

    @Test
    void convert_mismatchedResult_isInvalidParamsNamingMember() {
        assertThatThrownBy(() -> codec.convert(Wire.tree("{\"roots\":[{\"name\":\"n\"}]}"), Roots.ListRootsResult.class))
                .isInstanceOf(McpException.class)
                .hasMessageContaining("missing required member result.roots[0].uri");
    }

    @Test
    void batch_elements_decodeIndividually() {
        Decoded decoded = codec.decode("""
                [{"jsonrpc":"2.0","id":1,"method":"ping"},
                 {"jsonrpc":"2.0","method":"notifications/initialized"},
                 {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":5}},
                 7]
                """);
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Batch.class, batch -> {
            assertThat(batch.messages()).hasSize(4);
            assertThat(batch.messages().get(0)).isInstanceOf(Decoded.Request.class);
            assertThat(batch.messages().get(1)).isInstanceOf(Decoded.Notification.class);
            assertThat(batch.messages().get(2)).isInstanceOfSatisfying(Decoded.Failure.class,
                    f -> assertThat(f.id()).isEqualTo(RequestId.of(2)));
            assertThat(batch.messages().get(3)).isInstanceOfSatisfying(Decoded.Failure.class,
                    f -> assertThat(f.code()).isEqualTo(JsonRpc.INVALID_REQUEST));
        });
    }

    @Test
    void batch_empty_isInvalidRequest() {
        assertThat(codec.decode("[]")).isInstanceOfSatisfying(Decoded.Failure.class,
                f -> assertThat(f.message()).isEqualTo("Invalid request: empty batch"));
    }
}
