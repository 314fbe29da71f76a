package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.tasks.TaskIds;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskRejected;
import dev.switchboard.tasks.TaskStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** NATS lost at run time: the node says so (not connected) and task calls fail as retryable, never hang. */
class NatsOutageTest {
    @Test
    void natsKilled_taskReadsRejectedAsUnavailableWithRetryAfter() {
        LocalNats nats = LocalNats.start(1);
        try (NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(nats.urls()));
             TaskStore store = cluster.taskStore()) {
            TaskRecord t = TaskRecord.created(TaskIds.next(), "session:x", "work", "{}", System.currentTimeMillis(), 60_000L, 1000, true);
            store.create(t);
            nats.kill(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.isConnected());
            assertThatThrownBy(() -> store.get(t.id())).isInstanceOfSatisfying(TaskRejected.class, e -> {
                assertThat(e.reason()).isEqualTo(TaskRejected.Reason.UNAVAILABLE);
                assertThat(e.retryAfterMs()).isPositive();
                assertThat(e.getMessage()).contains("try again later");
            });
        } finally {
            nats.close();
        }
    }
}
