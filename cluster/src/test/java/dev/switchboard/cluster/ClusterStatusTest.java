package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.tasks.TaskIds;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What /metrics and the dashboard read: nodes by heartbeat with their sessions, task redeliveries and queue lag. */
class ClusterStatusTest {
    @Test
    void status_twoNodesAndALapsedTicket_reportsNodesSessionsRedeliveriesAndLag() throws Exception {
        try (LocalNats nats = LocalNats.start(1);
             NatsCluster a = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(300));
             NatsCluster b = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(300))) {
            a.heartbeat(() -> 3);
            b.heartbeat(() -> 5);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(a.status().nodes()).extracting(ClusterStatus.Node::node, ClusterStatus.Node::sessions)
                            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a.node(), 3), org.assertj.core.groups.Tuple.tuple(b.node(), 5)));
            try (TaskStore x = a.taskStore(); TaskStore y = b.taskStore()) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < 3; i++) x.create(TaskRecord.created(TaskIds.next(), "", "t", "{}", now, null, 1000, true));
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).until(() -> a.status().taskPending() == 3);
                List<TaskRecord> taken = x.claimable(System.currentTimeMillis(), 1); // handed out, never claimed nor acknowledged
                assertThat(taken).hasSize(1);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    y.claimable(System.currentTimeMillis(), 3);
                    return b.status().taskRedeliveries() >= 1;
                });
            }
            b.close();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> a.status().nodes().size() == 1);
        }
    }
}
