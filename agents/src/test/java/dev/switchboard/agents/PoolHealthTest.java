package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
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

/** The pool's keeper against a member that is alive but silent, and the member pins of sessions that ended. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolHealthTest {

    private static Launch killable() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new Launch.Stdio(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KillableAgent.class.getName()), Map.of());
    }

    private static AgentsSettings settings(PoolSize size, long healthIntervalMs) {
        AgentsSettings d = AgentsSettings.defaults();
        return new AgentsSettings(d.separator(), size, d.memberConcurrency(), d.timeoutMs(), d.queuePrimary(), d.queueOverflow(),
                healthIntervalMs, d.restartBackoffMs(), 10_000, d.maxMessageBytes());
    }

    @Test
    void check_memberStoppedWithSigstop_lostWithinThePingTimeoutAndReplaced() throws Exception {
        PoolSize size = new PoolSize(2, 2, 30_000);
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (Gateway gateway = Gateway.start(server, List.of(new AgentSpec("small", killable(), size, Affinity.NONE, false, 30_000, 0)),
                settings(size, 200))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(20))).as("started: %s", gateway.status()).isTrue();
            AgentPool pool = gateway.pool("small");
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.members.size() == 2);
            Member silent = pool.snapshot().getFirst();
            long pid = silent.client.process().orElseThrow().pid();
            new ProcessBuilder("kill", "-STOP", "" + pid).start().waitFor(); // alive, its pipes open, answering nothing
            long stopped = System.nanoTime();
            // the client's request timeout is 30 s here (the agent's timeoutMs): the ping is bounded by the keeper's own 5 s
            await().atMost(Duration.ofSeconds(12)).until(silent::dead);
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isGreaterThanOrEqualTo(Duration.ofMillis(pool.pingTimeoutMs() - 500));
            assertThat(silent.deathCause).contains("no answer to ping within 5000 ms");
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.members.size() == 2 && pool.members.stream().noneMatch(Member::dead));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void forget_sessionAffinityAndTheSessionEnds_itsPinGoes() throws Exception {
        PoolSize size = new PoolSize(2, 2, 30_000);
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (Gateway gateway = Gateway.start(server, List.of(new AgentSpec("small", killable(), size, Affinity.SESSION, false, 10_000, 0)),
                settings(size, 5_000));
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(20))).as("started: %s", gateway.status()).isTrue();
            AgentPool pool = gateway.pool("small");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.tool("small_lookup") != null);
            URI endpoint = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
            for (int i = 0; i < 3; i++) {
                try (McpClient c = McpClient.http(endpoint)) {
                    c.initialize();
                    c.callTool("small_lookup", Map.of("key", "k"));
                    assertThat(pool.pinnedSessions()).isEqualTo(1);
                } // close: DELETE ends the session on the server
                await().atMost(Duration.ofSeconds(5)).until(() -> pool.pinnedSessions() == 0);
            }
        }
    }
}
