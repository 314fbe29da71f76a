package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** SEP-2243 mirrored arguments: header values checked against the body, Base64 only when wrapped and canonical. */
class MirroredHeadersTest {
    private static final MirroredHeaders REGION;

    static {
        ObjectNode schema = RecordingExchange.MAPPER.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("region").put("type", "string").put("x-mcp-header", "Region");
        REGION = MirroredHeaders.of(schema);
    }

    @ParameterizedTest(name = "header [{1}] vs body [{0}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        "Hello       | Hello                 | ok",
        "Hello       | '  Hello  '           | ok",                       // optional whitespace is not part of the value
        "Hello       | =?base64?SGVsbG8=?=   | ok",
        "Hello       | =?base64?SGVsbG8?=    | not valid",                // unpadded
        "Hello       | =?base64?SGVs!!!bG8=?= | not valid",               // outside the alphabet
        "SGVsbG8=    | SGVsbG8=              | ok",                       // no wrapper: literal
        "=?base64?SGVsbG8= | =?base64?SGVsbG8= | ok",                     // no closing ?=: literal
        "Hello       | Hallo                 | does not match",
    })
    void mismatch_comparesTheDecodedHeaderWithTheArgument(String body, String header, String expected) {
        ObjectNode args = RecordingExchange.MAPPER.createObjectNode().put("region", body);
        String problem = REGION.mismatch(args, Map.of("mcp-param-region", List.of(header)));
        if (expected.equals("ok")) assertThat(problem).isNull();
        else assertThat(problem).contains(expected).contains("Mcp-Param-Region");
    }

    @ParameterizedTest
    @CsvSource({"true, absent", "false, present"})
    void mismatch_needsTheHeaderExactlyWhenTheArgumentIsThere(boolean argumentPresent, String expected) {
        ObjectNode args = RecordingExchange.MAPPER.createObjectNode();
        if (argumentPresent) args.put("region", "eu");
        Map<String, List<String>> headers = argumentPresent ? Map.of() : Map.of("mcp-param-region", List.of("eu"));
        assertThat(REGION.mismatch(args, headers)).contains(expected);
    }
}
