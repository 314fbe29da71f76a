package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HandshakeCheck;
import dev.switchboard.transport.HttpRoutes;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import dev.switchboard.transport.WebSocketSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client file's {@code "type": "sse"} server (the legacy HTTP+SSE transport) served through the gateway like any other. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LegacySseAgentTest {

    @Test
    void callTool_agentOnTheLegacyHttpSseTransport_listedAndCalledThroughTheGateway() throws Exception {
        McpServer old = McpServer.builder("old", "1.0").tool("greet", "greets", Map.class, a -> "hello " + a.get("name")).build();
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (StreamableHttpServer oldHttp = StreamableHttpServer.start(old, HttpSettings.defaults().withPort(0), HttpRoutes.none(),
                WebSocketSettings.defaults(), HandshakeCheck.none());
             Gateway gateway = Gateway.start(server, List.of(RealServers.agent("old",
                     new Launch.LegacySse(URI.create("http://127.0.0.1:" + oldHttp.port() + "/sse"), Map.of()), 1, 10_000, false)), AgentsSettings.defaults());
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
             McpClient client = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(15))).as("started: %s", gateway.status()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.tool("old_greet") != null);
            client.initialize();
            assertThat(client.listTools()).extracting(t -> t.name()).contains("old_greet");
            assertThat(GatewayRelayTest.text(client.callTool("old_greet", Map.of("name", "Ada")))).isEqualTo("hello Ada");
        }
    }
}
