package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.DemoServer;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.ConnectionSettings;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The abuse scenario at small scale against the demo server with short read deadlines: it runs, abuses, and reports its goals. */
class AbuseTest {
    private McpServer server;
    private StreamableHttpServer http;

    @BeforeEach
    void start() throws Exception {
        server = DemoServer.create();
        Duration short_ = Duration.ofMillis(300);
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0)
                .withConnections(ConnectionSettings.defaults().withTimeouts(short_, short_, Duration.ofSeconds(5))));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void abuse_smallRun_reportsEveryGoalAndTheAbusersAreCut() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
        LoadSpec spec = LoadGeneratorTest.spec(Scenario.ABUSE, url, Integer.MAX_VALUE, 2).closedLoop(2, Duration.ofSeconds(1))
                .withTarget(url, ProcessHandle.current().pid());
        AbuseSpec abuse = new AbuseSpec(5, 5, 2, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(800), 256 * 1024, 10, 1);

        LoadResult r = LoadGenerator.abuse(spec, abuse, Progress.NONE);

        assertThat(r.scenario()).isEqualTo("abuse");
        assertThat(r.ok()).isPositive();
        assertThat(r.extra()).containsKeys("unabused", "abused", "goal throughput >= 80% of unabused", "goal p99 <= 2x unabused",
                "goal memory within the bound", "goalsMet");
        assertThat((String) r.extra().get("goal zero errors")).startsWith("PASS");
        assertThat((String) r.extra().get("memory")).startsWith("server RSS");
        @SuppressWarnings("unchecked")
        Map<String, Long> outcomes = (Map<String, Long>) r.extra().get("abuserOutcomes");
        assertThat(outcomes.get("answered408")).as("slowloris and silent connections answered 408").isPositive();
        assertThat(outcomes.get("connectFailed")).isZero();
    }

    @Test
    void abuse_otherThanLoopback_isRefused() {
        LoadSpec spec = LoadSpec.of(Scenario.ABUSE, URI.create("http://192.0.2.1:8080/mcp"));
        assertThatThrownBy(() -> LoadGenerator.abuse(spec, AbuseSpec.quick(), Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
    }
}
