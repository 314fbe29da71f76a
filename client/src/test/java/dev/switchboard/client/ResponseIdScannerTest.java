package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.protocol.RequestId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The id of a response found while its too-long line is skipped, and the line reader that skips it. */
class ResponseIdScannerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{\"id\":7}}               | 42",
            "{\"result\":{\"content\":[{\"id\":9,\"text\":\"x\"}]},\"jsonrpc\":\"2.0\",\"id\":17} | 17",
            "{ \"id\" : \"abc\\\"d\" , \"result\": [\"id\", 3] }                | s:abc\"d",
            "{\"result\":\"{\\\"id\\\":5}\",\"id\":-3}                           | -3",
            "{\"method\":\"notifications/message\",\"params\":{\"id\":1}}       | none",
            "[{\"id\":1}]                                                        | none",
            "{\"id\":null,\"error\":{}}                                          | none"})
    void feed_responsesWithIdAnywhere_findsOnlyTheTopLevelId(String json, String expected) {
        RequestId id = new ResponseIdScanner().feed(json.strip().getBytes(StandardCharsets.UTF_8)).id();
        RequestId want = expected.equals("none") ? null
                : expected.startsWith("s:") ? RequestId.of(expected.substring(2)) : RequestId.of(Long.parseLong(expected));
        assertThat(id).isEqualTo(want);
    }

    @org.junit.jupiter.api.Test
    void feed_serverRequest_idFoundAndMarkedAsTheServersOwn() {
        ResponseIdScanner request = new ResponseIdScanner()
                .feed("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"sampling/createMessage\",\"params\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(request.id()).isEqualTo(RequestId.of(5));
        assertThat(request.hasMethod()).isTrue();
        assertThat(new ResponseIdScanner().feed("{\"id\":5,\"result\":{\"method\":1}}".getBytes(StandardCharsets.UTF_8)).hasMethod()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void skipRest_lineOverTheLimit_heldOnlyToTheLimitAndTheNextLineIntact(boolean crEnds) throws Exception {
        String big = "{\"result\":\"" + "x".repeat(100_000) + "\",\"id\":8}";
        BoundedLines lines = new BoundedLines(new ByteArrayInputStream((big + "\r\n{\"id\":9}\n").getBytes(StandardCharsets.UTF_8)), 1024, crEnds);
        assertThat(lines.next()).isSameAs(BoundedLines.TOO_LONG);
        assertThat(lines.prefix()).hasSize(1024);
        ResponseIdScanner scanner = new ResponseIdScanner().feed(lines.prefix());
        assertThat(lines.skipRest(scanner, 1_000_000)).isEqualTo(big.length() + (crEnds ? 0 : 1)); // without \r\n ending at \r, the \r counts
        assertThat(scanner.id()).isEqualTo(RequestId.of(8));
        assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":9}");
        assertThat(lines.next()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void skipRest_lineWithoutEndPastTheCap_givesUp(boolean crEnds) throws Exception {
        BoundedLines lines = new BoundedLines(new ByteArrayInputStream("y".repeat(10_000).getBytes(StandardCharsets.UTF_8)), 1024, crEnds);
        assertThat(lines.next()).isSameAs(BoundedLines.TOO_LONG);
        assertThat(lines.skipRest(b -> {}, 4096)).isEqualTo(-1);
    }
}
