package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The dashboard's live feed carries the task ledger once a server with tasks is bound, and it balances. */
class DashboardTasksTest {
    record Job(int n) {}

    @TempDir
    Path dir;

    @Test
    void feed_serverWithTasks_carriesTheLedgerThatBalances() throws Exception {
        try (Kernel kernel = Kernel.create(KernelConfig.defaults());
             Operations ops = Operations.create(OpsSettings.defaults(), kernel, null);
             McpServer server = McpServer.builder("t", "1").kernel(kernel).observer(ops.observer()).tasks(dir)
                     .taskTool("job", "a job", Job.class, "optional", false, (job, ctx) -> "done " + job.n()).build()) {
            ops.bind(server);
            var engine = server.taskEngine().orElseThrow();
            for (int i = 0; i < 4; i++) engine.submit("s", "job", "{\"n\":" + i + "}", null);
            try (StreamableHttpServer listener = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0), ops.routes())) {
                JsonNode tasks = waitForLedger(listener.port(), 4);
                assertThat(tasks.get("created").asLong()).isEqualTo(4);
                long settled = tasks.get("completed").asLong() + tasks.get("failed").asLong() + tasks.get("cancelled").asLong()
                        + tasks.get("expired").asLong() + tasks.get("running").asLong();
                assertThat(settled).isEqualTo(4);
            }
        }
    }

    @Test
    void feed_serverWithoutTasks_hasAnEmptyLedger() throws Exception {
        try (Kernel kernel = Kernel.create(KernelConfig.defaults());
             Operations ops = Operations.create(OpsSettings.defaults(), kernel, null);
             McpServer server = McpServer.builder("t", "1").kernel(kernel).observer(ops.observer()).build();
             StreamableHttpServer listener = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0), ops.routes())) {
            ops.bind(server);
            assertThat(DashboardEvents.next(listener.port()).get("tasks").isEmpty()).isTrue();
        }
    }

    /** Reads feed events until one shows {@code completed} tasks, at most 15 s. */
    private static JsonNode waitForLedger(int port, long completed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = DashboardEvents.next(port).get("tasks");
            if (last.path("completed").asLong() == completed) return last;
            Thread.sleep(300);
        }
        throw new AssertionError("the feed never showed " + completed + " completed tasks; last: " + last);
    }
}
