package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An agent's timeoutMs bounds a call from its arrival: the time it waited for a free member counts.
 * Before, the wait had timeoutMs of its own and the call another, so a call could take twice the limit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallTimeoutTest {

    @Test
    void callTool_waitedForTheOnlyMemberThenRunsPastTheRest_timesOutAtTimeoutMsFromItsArrival() throws Exception {
        long timeoutMs = 1_500;
        PoolSize size = new PoolSize(1, 1, 30_000);
        AgentsSettings d = AgentsSettings.defaults();
        AgentsSettings oneCallPerMember = new AgentsSettings(d.separator(), size, 1, d.timeoutMs(), d.queuePrimary(), d.queueOverflow(),
                d.healthIntervalMs(), d.restartBackoffMs(), d.startTimeoutMs(), d.maxMessageBytes());
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (Gateway gateway = Gateway.start(server, List.of(new AgentSpec("every", RealServers.everything(), size, Affinity.NONE, false, timeoutMs, 0)),
                oneCallPerMember);
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
             McpClient first = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"));
             McpClient second = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(30))).as("started: %s", gateway.status()).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> server.tool("every_trigger-long-running-operation") != null);
            first.initialize();
            second.initialize();
            Map<String, Object> oneSecond = Map.of("duration", 1, "steps", 1);
            CompletableFuture<Tools.CallToolResult> holding = CompletableFuture.supplyAsync(
                    () -> first.callTool("every_trigger-long-running-operation", oneSecond), r -> Thread.ofVirtual().start(r));
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.pool("every").snapshot().getFirst().outstanding.get() == 1);

            long start = System.nanoTime();
            // waits ~1 s for the member, then needs 1 s more: 2 s in all, past the 1.5 s limit
            assertThatThrownBy(() -> second.callTool("every_trigger-long-running-operation", oneSecond))
                    .isInstanceOf(McpException.class).hasMessageContaining("agent 'every' did not answer").hasMessageContaining("1500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_950));
            assertThat(holding.get(10, TimeUnit.SECONDS).isError()).isNotEqualTo(Boolean.TRUE);
        }
    }
}
