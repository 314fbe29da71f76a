package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertRequestRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertResultRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.codec.Decoded;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Completion records against the examples of the 2025-11-25 spec, server/utilities/completion. */
class CompletionTest {

    @Test
    void complete_specPromptRequest_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "method": "completion/complete", "params": {
                  "ref": {"type": "ref/prompt", "name": "code_review"},
                  "argument": {"name": "language", "value": "py"}}}
                """);
        Completion.CompleteParams params = request.params(Completion.CompleteParams.class);
        assertThat(params.ref()).isEqualTo(Completion.Reference.prompt("code_review"));
        assertThat(params.argument()).isEqualTo(new Completion.Argument("language", "py"));
    }

    @Test
    void complete_specContextRequest_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "method": "completion/complete", "params": {
                  "ref": {"type": "ref/prompt", "name": "code_review"},
                  "argument": {"name": "framework", "value": "fla"},
                  "context": {"arguments": {"language": "python"}}}}
                """);
        assertThat(request.params(Completion.CompleteParams.class).context().arguments())
                .containsEntry("language", "python");
    }

    @Test
    void complete_resourceTemplateRef_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 3, "method": "completion/complete", "params": {
                  "ref": {"type": "ref/resource", "uri": "file:///{path}"},
                  "argument": {"name": "path", "value": "src/"}}}
                """);
        assertThat(request.params(Completion.CompleteParams.class).ref())
                .isEqualTo(Completion.Reference.resourceTemplate("file:///{path}"));
    }

    @Test
    void complete_specResponse_roundTrips() {
        Completion.CompleteResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "result": {"completion": {
                  "values": ["python", "pytorch", "pyside"], "total": 10, "hasMore": true}}}
                """, Completion.CompleteResult.class);
        assertThat(result.completion().values()).containsExactly("python", "pytorch", "pyside");
    }

    @Test
    void completeResultOf_moreThanHundredMatches_sendsHundredWithTotal() {
        List<String> matches = IntStream.range(0, 150).mapToObj(i -> "v" + i).toList();
        Completion.Values values = Completion.CompleteResult.of(matches).completion();
        assertThat(values.values()).hasSize(100);
        assertThat(values.total()).isEqualTo(150);
        assertThat(values.hasMore()).isTrue();
    }

    @Test
    void values_moreThanHundred_isRejected() {
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "v" + i).toList();
        assertThatThrownBy(() -> new Completion.Values(tooMany, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100");
    }
}
