package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.tasks.TaskTool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskTakeOverTest {
    private static final long LEASE_MS = 1500;
    private static LocalNats nats;

    @BeforeAll
    static void startNats() {
        nats = LocalNats.start(1);
    }

    @AfterAll
    static void stopNats() {
        nats.close();
    }

    @Test
    void takeOver_nodeKilledMidTask_otherNodeFinishesEachTaskOnce() throws Exception {
        int count = 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process a = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TaskWorkerProcess.class.getName(), nats.urls(), "" + count, "" + LEASE_MS)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> retrySafe = new ArrayList<>();
        String once = null;
        Set<String> started = ConcurrentHashMap.newKeySet();
        try (var out = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; started.size() < count + 1 && (line = out.readLine()) != null; ) {
                if (line.startsWith("task work ")) retrySafe.add(line.substring(10));
                if (line.startsWith("task once ")) once = line.substring(10);
                if (line.startsWith("started ")) started.add(line.substring(8));
            }
            assertThat(started).hasSize(count + 1);
            a.destroyForcibly().waitFor(); // SIGKILL: no goodbye, its claims simply stop being renewed
        } finally {
            a.destroyForcibly();
        }

        Map<String, AtomicInteger> runsOnB = new ConcurrentHashMap<>();
        TaskTool work = new TaskTool(run -> {
            runsOnB.computeIfAbsent(run.taskId(), k -> new AtomicInteger()).incrementAndGet();
            return "{\"node\":\"B\",\"attempt\":" + run.attempt() + "}";
        }, true);
        try (NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(LEASE_MS));
             TaskStore store = cluster.taskStore();
             TaskEngine b = new TaskEngine(store, TaskLimits.defaults(),
                     name -> Optional.ofNullable(Map.of("work", work, "once", new TaskTool(work.work(), false)).get(name)), System::currentTimeMillis)) {
            String onceId = once;
            await().atMost(Duration.ofSeconds(20)).until(() -> retrySafe.stream().allMatch(id -> isFinal(store, id))
                    && isFinal(store, onceId));
            for (String id : retrySafe) {
                TaskRecord r = store.get(id).orElseThrow();
                assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(r.resultJson()).isEqualTo("{\"node\":\"B\",\"attempt\":2}");
                assertThat(runsOnB.get(id)).hasValue(1);
            }
            TaskRecord failed = store.get(onceId).orElseThrow();
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.statusMessage()).isEqualTo(TaskEngine.NODE_LOST);
            assertThat(runsOnB).doesNotContainKey(onceId);
            assertThat(b.ledger().completed()).isEqualTo(count);
            assertThat(b.ledger().running()).isZero();
        }
    }

    private static boolean isFinal(TaskStore store, String id) {
        return store.get(id).map(r -> r.status().isFinal()).orElse(false);
    }
}
