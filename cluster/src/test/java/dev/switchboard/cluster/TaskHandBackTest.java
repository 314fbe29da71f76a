package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.tasks.ForwardingTaskStore;
import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.tasks.TaskTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one real NATS server, one serving tool {@code work} and one serving nothing (an
 * agent that did not start there): the ticket dealt to the node that cannot run it goes back to
 * the queue for the node that can, and only when no node takes it in time does it end, failed,
 * naming the tool.
 */
class TaskHandBackTest {

    @Test
    void takeOver_toolNotServedByTheNodeDealtIt_handedBackAndRunOnceOnTheNodeServingIt() {
        long lease = 1_000; // the wait for a serving node is 10 leases: far longer than this test needs
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        TaskTool work = new TaskTool(run -> {
            runs.computeIfAbsent(run.taskId(), k -> new AtomicInteger()).incrementAndGet();
            return "{\"node\":\"serving\"}";
        }, false); // not retry-safe: run twice would be a bug
        AtomicInteger handedBack = new AtomicInteger();
        try (LocalNats nats = LocalNats.start(1);
             NatsCluster servingNode = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(lease));
             NatsCluster otherNode = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(lease));
             TaskStore servingStore = servingNode.taskStore();
             TaskStore otherStore = counting(otherNode.taskStore(), handedBack);
             TaskEngine serving = new TaskEngine(servingStore, TaskLimits.defaults(), name -> Optional.ofNullable(Map.of("work", work).get(name)),
                     System::currentTimeMillis, false);
             TaskEngine other = new TaskEngine(otherStore, TaskLimits.defaults(), name -> Optional.empty(), System::currentTimeMillis)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) ids.add(serving.submit("owner", "work", "{}", null).id());
            // the serving node takes no work yet: every ticket goes to the other node, which gives it back
            await().atMost(Duration.ofSeconds(5)).until(() -> handedBack.get() >= ids.size());
            assertThat(ids).allSatisfy(id -> assertThat(servingStore.get(id).orElseThrow().status()).isEqualTo(TaskStatus.WORKING));

            serving.recover(); // now it takes work from the queue
            await().atMost(Duration.ofSeconds(8)).until(() -> ids.stream().allMatch(id -> servingStore.get(id).orElseThrow().status().isFinal()));
            for (String id : ids) {
                TaskRecord r = servingStore.get(id).orElseThrow();
                assertThat(r.status()).as(r.statusMessage()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(r.resultJson()).isEqualTo("{\"node\":\"serving\"}");
                assertThat(runs.get(id)).hasValue(1);
            }
        }
    }

    @Test
    void takeOver_noNodeServesTheTool_failedNamingTheToolOnceTheWaitPassed() {
        long lease = 200; // a 2 s wait
        TaskTool work = new TaskTool(run -> "{}", true);
        AtomicInteger handedBack = new AtomicInteger();
        try (LocalNats nats = LocalNats.start(1);
             NatsCluster creatingNode = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(lease));
             NatsCluster otherNode = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(lease));
             TaskStore creatingStore = creatingNode.taskStore();
             TaskStore otherStore = counting(otherNode.taskStore(), handedBack);
             // the node that took the call never takes work (its agents never registered); the other does not serve the tool
             TaskEngine creating = new TaskEngine(creatingStore, TaskLimits.defaults(), name -> Optional.ofNullable(Map.of("work", work).get(name)),
                     System::currentTimeMillis, false);
             TaskEngine other = new TaskEngine(otherStore, TaskLimits.defaults(), name -> Optional.empty(), System::currentTimeMillis)) {
            long created = System.currentTimeMillis();
            String id = creating.submit("owner", "work", "{}", null).id();
            await().atMost(Duration.ofSeconds(10)).until(() -> creatingStore.get(id).orElseThrow().status().isFinal());
            TaskRecord r = creatingStore.get(id).orElseThrow();
            assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(r.statusMessage()).contains("tool 'work' is not served by").contains("nor taken by a node that serves it within 2000 ms");
            assertThat(r.updatedAtMs() - created).isGreaterThanOrEqualTo(2_000);
            assertThat(handedBack.get()).isGreaterThan(1);
        }
    }

    private static TaskStore counting(TaskStore store, AtomicInteger handedBack) {
        return new ForwardingTaskStore(store) {
            @Override
            public boolean handBack(String taskId, long delayMs) {
                boolean back = super.handBack(taskId, delayMs);
                if (back) handedBack.incrementAndGet();
                return back;
            }
        };
    }
}
