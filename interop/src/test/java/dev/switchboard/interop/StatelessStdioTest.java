package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Tools;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** The stateless era over stdio: a spawned {@code sb serve --stdio} and a 2026-07-28 {@link McpClient}, no initialize. */
class StatelessStdioTest {
    @Test
    void statelessClient_overStdio_discoversCallsAndFinishesMultiRoundCalls() {
        try (McpClient client = McpClient.builder().protocolVersion("2026-07-28")
                .capabilities(ClientCapabilities.none().withElicitation())
                .onElicitation(p -> Elicitation.ElicitResult.accept(JsonNodeFactory.instance.objectNode()
                        .put(p.message().contains("color") ? "color" : "name", p.message().contains("color") ? "red" : "Bo")))
                .stdio(Fixture.stdioCommand())) {
            assertThat(client.initialize().protocolVersion()).isEqualTo("2026-07-28");
            assertThat(client.listTools()).extracting(Tools.Tool::name).contains("add");
            assertThat(text(client.callTool("add", Map.of("a", 2, "b", 40)))).isEqualTo("42");
            assertThat(text(client.callTool("test_input_required_result_multi_round", Map.of()))).isEqualTo("Bo's favorite color is red");
        }
    }

    private static String text(Tools.CallToolResult r) {
        assertThat(r.isError()).as("tool error: %s", r).isNotEqualTo(Boolean.TRUE);
        return ((Content.Text) r.content().getFirst()).text();
    }
}
