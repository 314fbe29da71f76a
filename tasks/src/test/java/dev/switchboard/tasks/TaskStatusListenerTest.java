package dev.switchboard.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStatusListenerTest {
    record Change(String id, TaskStatus from, TaskStatus to) {}

    @TempDir
    Path dir;
    final Map<String, TaskTool> tools = new ConcurrentHashMap<>();
    final CountDownLatch gate = new CountDownLatch(1);
    final List<Change> changes = new CopyOnWriteArrayList<>();
    TaskStore store;
    TaskEngine engine;

    @BeforeEach
    void start() {
        tools.put("ask", new TaskTool(run -> {
            run.statusMessage("about to ask");
            var answers = run.requestInput(Map.of("a", "{\"method\":\"elicitation/create\"}"));
            run.statusMessage("got " + answers.get("a"));
            return "{\"a\":" + answers.get("a") + "}";
        }, false));
        tools.put("blocked", new TaskTool(run -> {
            gate.await();
            return "{}";
        }, false));
        store = TaskStore.embedded(dir);
        engine = new TaskEngine(store, TaskLimits.defaults(), name -> Optional.ofNullable(tools.get(name)), System::currentTimeMillis);
        engine.onStatusChange((t, previous) -> changes.add(new Change(t.id(), previous, t.status())));
    }

    @AfterEach
    void stop() {
        gate.countDown();
        engine.close();
        store.close();
    }

    @Test
    void onStatusChange_inputRoundThenCompletion_reportsEachStatusChangeOnce() {
        TaskRecord t = engine.submit("s", "ask", "{}", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.get("s", t.id()).status() == TaskStatus.INPUT_REQUIRED);
        engine.answer("s", t.id(), Map.of("a", "1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.get("s", t.id()).status().isFinal());
        // status messages alone are not status changes
        assertThat(changes).containsExactly(
                new Change(t.id(), TaskStatus.WORKING, TaskStatus.INPUT_REQUIRED),
                new Change(t.id(), TaskStatus.INPUT_REQUIRED, TaskStatus.WORKING),
                new Change(t.id(), TaskStatus.WORKING, TaskStatus.COMPLETED));
    }

    @Test
    void onStatusChange_cancel_reportsCancelledBeforeCancelReturns() {
        TaskRecord t = engine.submit("s", "blocked", "{}", null);
        engine.cancel("s", t.id());
        assertThat(changes).containsExactly(new Change(t.id(), TaskStatus.WORKING, TaskStatus.CANCELLED));
    }

    @Test
    void onStatusChange_listenerThrows_taskStillEndsAndOtherListenersAreTold() {
        List<TaskStatus> seen = new CopyOnWriteArrayList<>();
        engine.onStatusChange((task, previous) -> {
            throw new IllegalStateException("listener bug");
        });
        engine.onStatusChange((task, previous) -> seen.add(task.status()));
        TaskRecord t = engine.submit("s", "blocked", "{}", null);
        gate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.get("s", t.id()).status() == TaskStatus.COMPLETED);
        assertThat(seen).containsExactly(TaskStatus.COMPLETED);
        assertThat(engine.ledger().completed()).isEqualTo(1);
    }
}
