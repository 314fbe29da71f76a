package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.client.McpClientException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client gives up on a call (its request timeout: it sends notifications/cancelled); the
 * gateway passes the cancellation on, and the agent's handler is interrupted instead of running on.
 * Both links were broken for HTTP: the client's own timeout over HTTP (the transport's, not the
 * session's) sent no notifications/cancelled at all, so neither the gateway nor, through it, the
 * agent heard that the call was given up.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CancellationReachesAgentTest {

    @Test
    void callTool_clientGivesUp_cancellationReachesTheAgentsHandler() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        McpServer agent = McpServer.builder("agent", "1.0").tool("wait", "waits 20 s", Map.class, (a, c) -> {
            running.countDown();
            try {
                Thread.sleep(20_000);
                return "waited";
            } catch (InterruptedException e) {
                interrupted.set(true); // notifications/cancelled reached this handler
                throw e;
            }
        }).build();
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (StreamableHttpServer agentHttp = StreamableHttpServer.start(agent, HttpSettings.defaults().withPort(0));
             Gateway gateway = Gateway.start(server, List.of(RealServers.agent("a",
                     new Launch.Http(URI.create("http://127.0.0.1:" + agentHttp.port() + "/mcp"), Map.of()), 1, 20_000, false)), AgentsSettings.defaults());
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
             McpClient client = McpClient.builder().requestTimeout(Duration.ofMillis(800)).http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(15))).as("started: %s", gateway.status()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.tool("a_wait") != null);
            client.initialize();
            assertThatThrownBy(() -> client.callTool("a_wait", Map.of())).isInstanceOfSatisfying(McpClientException.class,
                    e -> assertThat(e.reason()).isEqualTo(McpClientException.Reason.TIMEOUT));
            assertThat(running.await(5, TimeUnit.SECONDS)).as("the call reached the agent").isTrue();
            await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.pool("a").snapshot().getFirst().outstanding.get() == 0);
        }
    }
}
