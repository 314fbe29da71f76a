package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertRequestRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertResultRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.Decoded;
import org.junit.jupiter.api.Test;

/** Prompts records against the examples of the 2025-11-25 spec, server/prompts. */
class PromptsTest {

    @Test
    void promptsList_specResponse_roundTrips() {
        Prompts.ListPromptsResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "result": {"prompts": [{
                  "name": "code_review", "title": "Request Code Review",
                  "description": "Asks the LLM to analyze code quality and suggest improvements",
                  "arguments": [{"name": "code", "description": "The code to review", "required": true}],
                  "icons": [{"src": "https://example.com/review-icon.svg", "mimeType": "image/svg+xml",
                             "sizes": ["any"]}]}],
                  "nextCursor": "next-page-cursor"}}
                """, Prompts.ListPromptsResult.class);
        assertThat(result.prompts().getFirst().arguments())
                .containsExactly(Prompts.PromptArgument.required("code", "The code to review"));
    }

    @Test
    void promptsGet_specExchange_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "method": "prompts/get",
                 "params": {"name": "code_review", "arguments": {"code": "def hello():\\n    print('world')"}}}
                """);
        assertThat(request.params(Prompts.GetPromptParams.class).argumentsOrEmpty())
                .containsEntry("code", "def hello():\n    print('world')");

        Prompts.GetPromptResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "result": {"description": "Code review prompt", "messages": [
                  {"role": "user", "content": {"type": "text",
                   "text": "Please review this Python code:\\ndef hello():\\n    print('world')"}}]}}
                """, Prompts.GetPromptResult.class);
        assertThat(result.messages().getFirst().role()).isEqualTo(Role.USER);
    }

    @Test
    void promptMessage_embeddedResource_roundTrips() {
        Wire.assertRoundTrip("""
                {"role": "user", "content": {"type": "resource", "resource": {
                  "uri": "resource://example", "mimeType": "text/plain", "text": "Resource content"}}}
                """, Prompts.PromptMessage.class);
    }

    @Test
    void getPromptResult_factory_writesSpecShape() {
        Wire.assertSameJson(Wire.write(Prompts.GetPromptResult.of("d", Prompts.PromptMessage.user("hi"))),
                Wire.tree("""
                        {"description": "d", "messages": [{"role": "user", "content": {"type": "text", "text": "hi"}}]}
                        """));
    }
}
