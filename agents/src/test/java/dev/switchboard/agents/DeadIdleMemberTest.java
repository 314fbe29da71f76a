package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member that died while idle, before the pool's next ping found it: a call sent to it never
 * reached the agent, so even a call that is not safe to retry goes to a live member and succeeds,
 * instead of failing as "died before answering; not retried" (what it did before).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadIdleMemberTest {

    @Test
    void callTool_memberDiedIdleBeforeItsNextPing_unsafeCallsGoToALiveMemberAndSucceed() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Launch launch = new Launch.Stdio(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), KillableAgent.class.getName()), Map.of());
        PoolSize size = new PoolSize(2, 2, 30_000);
        AgentsSettings d = AgentsSettings.defaults();
        // no health ping within the test: only a call can meet the dead member
        AgentsSettings settings = new AgentsSettings(d.separator(), size, d.memberConcurrency(), d.timeoutMs(), d.queuePrimary(), d.queueOverflow(),
                3_600_000, d.restartBackoffMs(), 10_000, d.maxMessageBytes());
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (Gateway gateway = Gateway.start(server, List.of(new AgentSpec("small", launch, size, Affinity.NONE, false, 5_000, 0)), settings);
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
             McpClient client = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(20))).as("started: %s", gateway.status()).isTrue();
            AgentPool pool = gateway.pool("small");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pool.members.size() == 2);
            client.initialize();

            Member victim = pool.snapshot().getFirst();
            ProcessHandle process = ProcessHandle.of(victim.client.process().orElseThrow().pid()).orElseThrow();
            process.destroyForcibly(); // SIGKILL while idle
            process.onExit().get(5, TimeUnit.SECONDS);
            Thread.sleep(300); // its client reads the end of the stream and closes
            assertThat(victim.dead()).as("the pool has not noticed yet").isFalse();

            for (int i = 0; i < 6; i++) { // calls are spread over both members: at least one is sent to the dead one
                Tools.CallToolResult r = client.callTool("small_append", Map.of("key", "k" + i));
                assertThat(r.isError()).as("%s", r).isNotEqualTo(Boolean.TRUE);
                assertThat(((Content.Text) r.content().getFirst()).text()).isEqualTo("appended k" + i);
            }
            assertThat(victim.dead()).as("the member found gone is replaced").isTrue();
            assertThat(pool.counters.failovers.get()).isPositive();
        }
    }
}
