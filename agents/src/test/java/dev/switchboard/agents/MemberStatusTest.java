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

/** {@link Gateway#memberStatus()} shows each member's calls, circuit and life as the pool has them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemberStatusTest {

    private static Launch killable() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new Launch.Stdio(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KillableAgent.class.getName()), Map.of());
    }

    @Test
    void memberStatus_callsAnOpenedCircuitAndAKill_showEachMemberAsItIs() throws Exception {
        PoolSize size = new PoolSize(2, 2, 30_000);
        McpServer server = McpServer.builder("gateway", "1.0").build();
        try (Gateway gateway = Gateway.start(server, List.of(new AgentSpec("small", killable(), size, Affinity.NONE, false, 10_000, 0)),
                AgentsSettings.defaults());
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(20))).as("started: %s", gateway.status()).isTrue();
            AgentPool pool = gateway.pool("small");
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.members.size() == 2 && server.tool("small_lookup") != null);
            long before = gateway.memberStatus().stream().mapToLong(MemberStatus::calls).sum(); // the gateway's own listings count too
            try (McpClient c = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"))) {
                c.initialize();
                for (int i = 0; i < 4; i++) c.callTool("small_lookup", Map.of("key", "k" + i));
            }
            List<MemberStatus> members = gateway.memberStatus();
            assertThat(members).hasSize(2).allMatch(m -> m.agent().equals("small") && m.alive() && m.circuit().equals("CLOSED") && m.outstanding() == 0);
            assertThat(members.stream().mapToLong(MemberStatus::calls).sum() - before).isEqualTo(4);
            assertThat(members).as("each answered a call: a mean latency").allMatch(m -> m.meanMicros() > 0);

            Member first = pool.snapshot().getFirst();
            first.breaker.transitionToOpenState();
            assertThat(gateway.memberStatus()).filteredOn(m -> m.id() == first.id).singleElement()
                    .extracting(MemberStatus::circuit).isEqualTo("OPEN");

            first.kill("killed by the test");
            assertThat(MemberStatus.of(first).alive()).isFalse();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<MemberStatus> now = gateway.memberStatus();
                return now.size() == 2 && now.stream().allMatch(MemberStatus::alive) && now.stream().noneMatch(m -> m.id() == first.id);
            });
        }
    }
}
