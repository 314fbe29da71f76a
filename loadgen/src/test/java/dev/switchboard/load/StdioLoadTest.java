package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Load over stdio: a real server process, our McpClient, callers on virtual threads. */
class StdioLoadTest {
    private static LoadSpec spec(Scenario s, int n, int callers) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                StdioDemo.class.getName());
        LoadSpec d = LoadSpec.of(s, null);
        return new LoadSpec(s, null, command, null, null, "add", "{\"a\":1,\"b\":2}", n, callers, 20, 0.98, 100, Duration.ofMinutes(1),
                1, 1, d.hold(), 1, 1, d.resource(), d.triggerTool(), 0, Duration.ofSeconds(10), 0, 1);
    }

    @Test
    void concurrentAndBurst_overStdio_allSucceed() throws Exception {
        LoadResult r = LoadGenerator.run(spec(Scenario.CONCURRENT, 300, 8), Progress.NONE);
        assertThat(r.errors()).isEmpty();
        assertThat(r.ok()).isEqualTo(300);
        assertThat(r.target()).startsWith("stdio: ");
        LoadResult burst = LoadGenerator.run(spec(Scenario.BURST, 0, 0), Progress.NONE);
        assertThat(burst.ok()).isEqualTo(20);
        assertThat(burst.extra()).containsEntry("passed", true);
    }

    @Test
    void churn_overStdio_isRefusedWithTheReason() {
        assertThatThrownBy(() -> LoadGenerator.run(spec(Scenario.CHURN, 10, 1), Progress.NONE)).hasMessageContaining("needs Streamable HTTP");
    }
}
