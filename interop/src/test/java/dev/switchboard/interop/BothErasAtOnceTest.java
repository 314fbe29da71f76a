package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Tools;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A session-era client (2025-11-25) and a stateless-era client (2026-07-28) on one endpoint at the
 * same time, each running the same tools, including one that needs the user's input: for the first
 * it is a server-to-client request on its session, for the second an input_required round. Neither
 * sees the other's traffic, and the stateless one leaves no session behind.
 */
class BothErasAtOnceTest {
    private static McpClient client(URI endpoint, String version, String name) {
        return McpClient.builder().protocolVersion(version).clientInfo(name, "1.0")
                .capabilities(ClientCapabilities.none().withElicitation())
                .onElicitation(p -> Elicitation.ElicitResult.accept(JsonNodeFactory.instance.objectNode().put("name", name)))
                .http(endpoint);
    }

    private static List<String> run(McpClient client, int calls) {
        client.initialize();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            answers.add(text(client.callTool("add", Map.of("a", i, "b", i))));
            answers.add(text(client.callTool("test_input_required_result_elicitation", Map.of())));
        }
        return answers;
    }

    private static String text(Tools.CallToolResult r) {
        assertThat(r.isError()).as("tool error: %s", r).isNotEqualTo(Boolean.TRUE);
        return ((Content.Text) r.content().getFirst()).text();
    }

    @Test
    void sessionAndStatelessClients_interleaveOnOneEndpoint_withoutInterfering() throws Exception {
        int calls = 50;
        try (Fixture fixture = new Fixture(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
             McpClient legacy = client(URI.create(fixture.url()), "2025-11-25", "legacy");
             McpClient modern = client(URI.create(fixture.url()), "2026-07-28", "modern")) {
            Future<List<String>> legacyAnswers = pool.submit(() -> run(legacy, calls));
            Future<List<String>> modernAnswers = pool.submit(() -> run(modern, calls));
            List<String> expectedLegacy = new ArrayList<>();
            List<String> expectedModern = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                expectedLegacy.addAll(List.of(String.valueOf(2 * i), "Hello, legacy!"));
                expectedModern.addAll(List.of(String.valueOf(2 * i), "Hello, modern!"));
            }
            assertThat(legacyAnswers.get()).isEqualTo(expectedLegacy);
            assertThat(modernAnswers.get()).isEqualTo(expectedModern);
            assertThat(fixture.server.sessionCount()).as("only the session-era client holds a session").isEqualTo(1);
        }
    }
}
