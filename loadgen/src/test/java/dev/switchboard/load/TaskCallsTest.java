package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.Examples;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tasks scenario over real sockets against the everything server with a store in a temporary directory; no timed assertion. */
class TaskCallsTest {
    @TempDir
    static Path store;
    private static McpServer server;
    private static StreamableHttpServer http;
    private static URI url;

    @BeforeAll
    static void start() throws Exception {
        server = Examples.create("everything", McpServer.builder("switchboard-everything", "0.1.0").tasks(store));
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        url = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
    }

    private static LoadSpec spec(String tool, String arguments, int pairs, int connections) {
        LoadSpec d = LoadSpec.of(Scenario.TASKS, url);
        return new LoadSpec(Scenario.TASKS, url, null, null, null, tool, arguments, pairs, connections, 50, 0.98, 400, Duration.ofMinutes(1),
                40, 4, Duration.ofMillis(200), 5, 10, d.resource(), d.triggerTool(), 0, Duration.ofSeconds(10), 0, 2);
    }

    @Test
    void run_taskCapableTool_everyPairCreatesATaskBesideAPlainCall() throws Exception {
        LoadResult r = LoadGenerator.run(spec("slow_compute", "{\"seconds\":0}", 200, 4), Progress.NONE);
        assertThat(r.errors()).isEmpty();
        assertThat(r.ok()).isEqualTo(200);
        assertThat(r.extra()).containsEntry("plainCalls", 200L);
        assertThat((Double) r.extra().get("taskP50Ms")).isPositive();
        assertThat((String) r.extra().get("overheadGoal")).matches("(PASS|MISS) task p50 at most 1\\.0 ms above a plain call: [+-]\\d+\\.\\d{3} ms");
    }

    @Test
    void run_toolThatForbidsTasks_everyCreateCountedAsAnErrorAndGoalNotMeasured() throws Exception {
        LoadResult r = LoadGenerator.run(spec("greet", "{\"name\":\"load\"}", 20, 2), Progress.NONE);
        assertThat(r.ok()).isZero();
        assertThat(r.errors()).containsEntry("json-rpc error", 20L);
        assertThat(r.extra()).containsEntry("plainCalls", 20L);
        assertThat((String) r.extra().get("overheadGoal")).startsWith("- (not measured: no successful task create)");
    }

    @Test
    void verdict_overheadAtOrUnderOneMillisecond_passes() {
        assertThat(TaskCalls.verdict(1.5, 0.5)).startsWith("PASS").endsWith("+1.000 ms");
        assertThat(TaskCalls.verdict(1.51, 0.5)).startsWith("MISS");
        assertThat(TaskCalls.verdict(0.4, 0.5)).startsWith("PASS").endsWith("-0.100 ms");
        assertThat(TaskCalls.verdict(1.0, Double.NaN)).isEqualTo("- (not measured: no successful plain call)");
    }

    @Test
    void extra_noPlainCall_plainFiguresNaN() {
        var extra = TaskCalls.extra(new Histogram(3), null);
        assertThat(extra).containsEntry("plainCalls", 0L);
        assertThat((Double) extra.get("plainP50Ms")).isNaN();
        assertThat((Double) extra.get("overheadP50Ms")).isNaN();
    }
}
