package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertRequestRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertResultRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.Decoded;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sampling records against the examples of the 2025-11-25 spec, client/sampling. */
class SamplingTest {

    @Test
    void createMessage_specRequest_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "method": "sampling/createMessage", "params": {
                  "messages": [{"role": "user", "content": {"type": "text", "text": "What is the capital of France?"}}],
                  "modelPreferences": {"hints": [{"name": "claude-3-sonnet"}], "intelligencePriority": 0.8,
                                       "speedPriority": 0.5},
                  "systemPrompt": "You are a helpful assistant.",
                  "maxTokens": 100}}
                """);
        Sampling.CreateMessageParams params = request.params(Sampling.CreateMessageParams.class);
        assertThat(params.maxTokens()).isEqualTo(100);
        assertThat(params.messages().getFirst().content())
                .containsExactly(Content.text("What is the capital of France?"));
        assertThat(params.modelPreferences().hints()).containsExactly(new Sampling.ModelHint("claude-3-sonnet"));
    }

    @Test
    void createMessage_specResponse_singleContentStaysUnwrapped() {
        Sampling.CreateMessageResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "result": {"role": "assistant",
                  "content": {"type": "text", "text": "The capital of France is Paris."},
                  "model": "claude-3-sonnet-20240307", "stopReason": "endTurn"}}
                """, Sampling.CreateMessageResult.class);
        assertThat(result).isEqualTo(Sampling.CreateMessageResult.text("claude-3-sonnet-20240307",
                "The capital of France is Paris.", "endTurn"));
    }

    @Test
    void createMessage_specToolRequest_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "method": "sampling/createMessage", "params": {
                  "messages": [{"role": "user", "content": {"type": "text",
                                "text": "What's the weather like in Paris and London?"}}],
                  "tools": [{"name": "get_weather", "description": "Get current weather for a city",
                             "inputSchema": {"type": "object",
                               "properties": {"city": {"type": "string", "description": "City name"}},
                               "required": ["city"]}}],
                  "toolChoice": {"mode": "auto"},
                  "maxTokens": 1000}}
                """);
        Sampling.CreateMessageParams params = request.params(Sampling.CreateMessageParams.class);
        assertThat(params.toolChoice().mode()).isEqualTo(Sampling.ToolChoice.Mode.AUTO);
        assertThat(params.tools()).extracting(Tools.Tool::name).containsExactly("get_weather");
    }

    @Test
    void createMessage_specToolUseResponse_keepsArray() {
        Sampling.CreateMessageResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "result": {"role": "assistant", "content": [
                  {"type": "tool_use", "id": "call_abc123", "name": "get_weather", "input": {"city": "Paris"}},
                  {"type": "tool_use", "id": "call_def456", "name": "get_weather", "input": {"city": "London"}}],
                  "model": "claude-3-sonnet-20240307", "stopReason": "toolUse"}}
                """, Sampling.CreateMessageResult.class);
        assertThat(result.content()).hasSize(2).allMatch(Content.ToolUse.class::isInstance);
    }

    @Test
    void createMessage_specFollowUpWithToolResults_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "method": "sampling/createMessage", "params": {
                  "messages": [
                    {"role": "user", "content": {"type": "text", "text": "What's the weather like in Paris and London?"}},
                    {"role": "assistant", "content": [
                      {"type": "tool_use", "id": "call_abc123", "name": "get_weather", "input": {"city": "Paris"}},
                      {"type": "tool_use", "id": "call_def456", "name": "get_weather", "input": {"city": "London"}}]},
                    {"role": "user", "content": [
                      {"type": "tool_result", "toolUseId": "call_abc123",
                       "content": [{"type": "text", "text": "Weather in Paris: 18°C, partly cloudy"}]},
                      {"type": "tool_result", "toolUseId": "call_def456",
                       "content": [{"type": "text", "text": "Weather in London: 15°C, rainy"}]}]}],
                  "tools": [{"name": "get_weather", "description": "Get current weather for a city",
                             "inputSchema": {"type": "object", "properties": {"city": {"type": "string"}},
                                             "required": ["city"]}}],
                  "maxTokens": 1000}}
                """);
        List<Sampling.SamplingMessage> messages = request.params(Sampling.CreateMessageParams.class).messages();
        assertThat(messages.get(2).content()).allMatch(Content.ToolResult.class::isInstance);
    }

    @Test
    void createMessageParams_factory_writesMinimalRequest() {
        Sampling.CreateMessageParams params = Sampling.CreateMessageParams
                .of(List.of(Sampling.SamplingMessage.user("hi")), 10).withSystemPrompt("be brief");
        Wire.assertSameJson(Wire.tree(Wire.CODEC.encodeRequest(RequestId.of("s-1"), McpMethods.SAMPLING_CREATE_MESSAGE,
                params)), Wire.tree("""
                {"jsonrpc": "2.0", "id": "s-1", "method": "sampling/createMessage", "params": {
                  "messages": [{"role": "user", "content": {"type": "text", "text": "hi"}}],
                  "systemPrompt": "be brief", "maxTokens": 10}}
                """));
    }
}
