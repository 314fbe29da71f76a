package dev.switchboard.mcp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Tools;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Results kept as JSON text: cut out of the message exactly, checked as it is read, written back verbatim. */
class RawResultTest {

    private static final String RESULT = "{ \"content\" : [ {\"type\":\"text\",\"text\":\"h\\u00e9llo \\\"w\\\" \u00e9\u20ac\ud83d\ude00\"} ],"
            + "\"structuredContent\":{\"n\":1.5e3,\"a\":[true,null,{}]}}";
    private static final String MESSAGE = "{\"result\":" + RESULT + ", \"jsonrpc\":\"2.0\",\"id\":\"r-1\"}";

    private final JsonRpcCodec raw = JsonRpcCodec.builder().rawResults().build();
    private final JsonRpcCodec plain = JsonRpcCodec.create();

    @Test
    void decode_rawResultsFromString_keepsTheResultTextExactly() {
        Decoded.Response r = (Decoded.Response) raw.decode(MESSAGE);

        assertThat(r.rawResult().json()).isEqualTo(RESULT);
        assertThat(r.result()).isNull();
        assertThat(r.id()).isEqualTo(RequestId.of("r-1"));
    }

    @Test
    void decode_rawResultsFromASliceOfBytes_keepsTheResultTextExactly() {
        byte[] message = MESSAGE.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[message.length + 7];
        System.arraycopy(message, 0, buffer, 5, message.length);

        Decoded.Response r = (Decoded.Response) raw.decode(buffer, 5, message.length);

        assertThat(r.rawResult().json()).isEqualTo(RESULT);
    }

    @Test
    void encodeResult_rawResult_writesItsTextVerbatimInTheEnvelope() {
        RawResult result = ((Decoded.Response) raw.decode(MESSAGE)).rawResult();

        String encoded = new String(plain.encodeResult(RequestId.of(7), result), StandardCharsets.UTF_8);

        assertThat(encoded).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULT + "}");
        Decoded.Response back = (Decoded.Response) plain.decode(encoded);
        assertThat(back.result()).isEqualTo(((Decoded.Response) plain.decode(MESSAGE)).result());
    }

    @Test
    void decode_rawResultsWithMalformedResult_failsAsTheTreeDecoderDoes() {
        String badEscape = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":\"\\q\"}}";
        String twice = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],\"content\":[]}}";
        String control = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":\"x\u0001y\"}}";
        String unclosed = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":[1,2}}";

        for (String message : new String[] {badEscape, twice, control, unclosed}) {
            assertThat(raw.decode(message)).as(message).isInstanceOf(Decoded.Failure.class);
            assertThat(raw.decode(message.getBytes(StandardCharsets.UTF_8))).as(message).isInstanceOf(Decoded.Failure.class);
        }
    }

    @Test
    void decode_rawResultsWithAResultThatIsNoObject_keepsItAsATree() {
        Decoded.Response r = (Decoded.Response) raw.decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"text\"}");

        assertThat(r.rawResult()).isNull();
        assertThat(r.result().asString()).isEqualTo("text");
    }

    @Test
    void convert_rawResult_bindsTheTextToARecordOrATree() {
        RawResult result = ((Decoded.Response) raw.decode(MESSAGE)).rawResult();

        Tools.CallToolResult call = raw.convert(result, Tools.CallToolResult.class);
        JsonNode tree = raw.convert(result, JsonNode.class);

        assertThat(call.structuredContent().get("n").asDouble()).isEqualTo(1500.0);
        assertThat(tree.path("content").get(0).path("text").asString()).startsWith("h\u00e9llo \"w\"");
        assertThat(raw.convert(result, RawResult.class)).isSameAs(result);
        assertThatThrownBy(() -> raw.convert(RawResult.of("{\"content\":5}"), Tools.CallToolResult.class))
                .isInstanceOf(McpException.class).extracting(e -> ((McpException) e).error().code()).isEqualTo(JsonRpc.INVALID_PARAMS);
    }

    @Test
    void convert_treeToRawResult_givesItsText() {
        JsonNode tree = ((Decoded.Response) plain.decode(MESSAGE)).result();

        RawResult result = plain.convert(tree, RawResult.class);

        assertThat(plain.mapper().readTree(result.json())).isEqualTo(tree);
    }

    @Test
    void of_textThatIsNotOneObject_isRefusedNamingWhy() {
        assertThatThrownBy(() -> RawResult.of("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> RawResult.of("{} {}")).hasMessageContaining("found more after it");
        assertThatThrownBy(() -> RawResult.of("{\"a\":")).hasMessageContaining("well-formed JSON");
        assertThat(RawResult.of(" {\"a\":1} ").json()).isEqualTo(" {\"a\":1} ");
    }

    @Test
    void mapper_writesARawResultAsItsText() {
        assertThat(plain.mapper().writeValueAsString(RawResult.of("{\"a\":[1]}"))).isEqualTo("{\"a\":[1]}");
    }
}
