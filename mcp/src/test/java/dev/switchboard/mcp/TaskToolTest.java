package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskToolTest {
    record Report(String month) {}

    @TempDir
    Path dir;

    @Test
    void taskTool_runsItsHandlerAsATask_withTheSameContext() throws Exception {
        try (McpServer server = McpServer.builder("reports", "1.0.0")
                .taskTool("report", "Builds the monthly report", Report.class, "optional", true, (r, ctx) -> {
                    ctx.progress(1, 1.0, "building");
                    return "Report for " + r.month() + " is ready";
                })
                .tasks(dir)
                .build()) {
            TaskEngine engine = server.taskEngine().orElseThrow();
            TaskRecord t = engine.submit("session:x", "report", "{\"month\":\"May\"}", null);
            assertThat(t.retrySafe()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.get("session:x", t.id()).status().isFinal());
            TaskRecord done = engine.get("session:x", t.id());
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.resultJson()).contains("Report for May is ready");
        }
    }

    @Test
    void tasks_withoutAnyTaskTool_opensNoStore() throws Exception {
        Path store = dir.resolve("unused");
        try (McpServer server = McpServer.builder("plain", "1.0.0")
                .tool("add", "Adds", Report.class, r -> "x").tasks(store).build()) {
            assertThat(server.taskEngine()).isEmpty();
        }
        assertThat(Files.exists(store)).isFalse();
    }

    @Test
    void taskTool_withForbiddenSupport_isRefused() {
        assertThatThrownBy(() -> McpServer.builder("x", "1").taskTool("t", "d", Report.class, "forbidden", false, (r, c) -> "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("optional");
    }
}
