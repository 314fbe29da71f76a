package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.tasks.TaskTool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskMetricsTest {
    @TempDir
    Path dir;

    @Test
    void register_exposesTheLedgerColumns_andTheyBalance() {
        var registry = new SimpleMeterRegistry();
        try (TaskStore store = TaskStore.embedded(dir);
             TaskEngine engine = new TaskEngine(store, TaskLimits.defaults(),
                     name -> Optional.of(new TaskTool(run -> "{}", false)), System::currentTimeMillis)) {
            TaskMetrics.register(registry, engine);
            for (int i = 0; i < 3; i++) engine.submit("s", "t", "{}", null);
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.get("switchboard.tasks").tag("outcome", "completed").functionCounter().count() == 3);
            double created = registry.get("switchboard.tasks").tag("outcome", "created").functionCounter().count();
            double running = registry.get("switchboard.tasks.running").gauge().value();
            assertThat(created).isEqualTo(3);
            assertThat(running).isZero();
        }
    }
}
