package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call of a tool of an agent whose command exits at once names the agent and why, instead of "Unknown tool". */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentNotStartedTest {

    @Test
    void callTool_agentWhoseCommandExitsAtOnce_unavailableNamingTheAgentAndTheExit() throws Exception {
        AgentsSettings settings = AgentsSettings.defaults().withPool(new PoolSize(1, 1, 30_000)).withStart(2_000, 50);
        AgentSpec broken = new AgentSpec("files", new Launch.Stdio(List.of("sh", "-c", "exit 3"), Map.of()), settings.pool(), Affinity.NONE, false,
                1_000, 0);
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (Gateway gateway = Gateway.start(server, List.of(broken), settings);
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
             McpClient client = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"))) {
            client.initialize();
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.pool("files").failure() != null);
            assertThatThrownBy(() -> client.callTool("files_read_text_file", Map.of("path", "/tmp/x")))
                    .isInstanceOfSatisfying(McpException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(AgentErrors.UNAVAILABLE);
                        assertThat(e).hasMessageContaining("files_read_text_file").hasMessageContaining("agent 'files' cannot start")
                                .hasMessageContaining("exited with 3");
                    });
            // a name of no agent stays what it is
            assertThatThrownBy(() -> client.callTool("nosuch_echo", Map.of())).isInstanceOf(McpException.class).hasMessageContaining("Unknown tool");
            client.ping(); // the session carries on
        }
    }
}
