package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * server-everything with one member, running calls of two client sessions at once: its
 * elicitation request cannot be traced to the call that caused it (stdio carries no reference), so
 * the gateway asks neither client, and the call gets the reason. Before, the oldest call's client
 * (the other session) was shown the question. Alone on the member, the same call is relayed to its
 * own client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedMemberRelayTest {

    @Test
    void callTool_twoSessionsOnOneMemberAndAgentAsksForElicitation_noClientAskedAndTheCallGetsTheReason() throws Exception {
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (Gateway gateway = Gateway.start(server, List.of(RealServers.agent("every", RealServers.everything(), 1, 20_000, false)), AgentsSettings.defaults());
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(30))).as("started: %s", gateway.status()).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> server.tool("every_trigger-elicitation-request") != null);
            AgentPool pool = gateway.pool("every");
            URI endpoint = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
            List<String> askedA = new CopyOnWriteArrayList<>(), askedB = new CopyOnWriteArrayList<>();
            try (McpClient a = answering(askedA).http(endpoint); McpClient b = answering(askedB).http(endpoint)) {
                a.initialize();
                b.initialize();
                CompletableFuture<Tools.CallToolResult> longCall = CompletableFuture.supplyAsync(
                        () -> a.callTool("every_trigger-long-running-operation", Map.of("duration", 2, "steps", 2)), r -> Thread.ofVirtual().start(r));
                await().atMost(Duration.ofSeconds(5)).until(() -> pool.snapshot().getFirst().outstanding.get() == 1);

                String outcome;
                try {
                    outcome = GatewayRelayTest.text(b.callTool("every_trigger-elicitation-request", Map.of()));
                } catch (McpException e) {
                    outcome = e.getMessage();
                }
                assertThat(askedA).as("the other session's client was asked").isEmpty();
                assertThat(askedB).isEmpty();
                assertThat(outcome).contains("more than one client session");
                assertThat(GatewayRelayTest.text(longCall.get(10, TimeUnit.SECONDS))).contains("Long running operation completed");

                Tools.CallToolResult alone = b.callTool("every_trigger-elicitation-request", Map.of());
                assertThat(askedB).singleElement().asString().contains("Please provide inputs");
                assertThat(GatewayRelayTest.text(alone)).contains("accept");
                assertThat(askedA).isEmpty();
            }
        }
    }

    private static McpClient.Builder answering(List<String> asked) {
        return McpClient.builder().onElicitation(p -> {
            asked.add(p.message());
            return Elicitation.ElicitResult.accept(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("name", "Ada").put("check", true));
        });
    }
}
