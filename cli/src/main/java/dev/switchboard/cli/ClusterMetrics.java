package dev.switchboard.cli;

import dev.switchboard.cluster.ClusterStatus;
import dev.switchboard.cluster.NatsCluster;
import dev.switchboard.ops.Operations;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/*
 * Why: an operator of a cluster asks which nodes are up, how many sessions each holds, whether
 * tasks are being redelivered (a node died) and whether the work queue falls behind. A node reads
 * the cluster's status every 2 s (heartbeats in KV, the task consumer's info) off the scrape path
 * and shows it on /metrics and the dashboard:
 *   switchboard_cluster_nodes, switchboard_cluster_node_sessions{node}, switchboard_cluster_task_redeliveries_total,
 *   switchboard_cluster_task_queue_pending, switchboard_cluster_task_queue_ack_pending,
 *   switchboard_cluster_unreadable_messages_total.
 */
final class ClusterMetrics implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClusterMetrics.class.getName());
    private final NatsCluster cluster;
    private final MultiGauge sessions;
    private final ScheduledExecutorService clock =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cluster-metrics").factory());
    private volatile ClusterStatus last = new ClusterStatus(List.of(), 0, 0, 0, 0);
    private volatile String error;

    ClusterMetrics(NatsCluster cluster, Operations ops) {
        this.cluster = cluster;
        var r = ops.registry();
        Gauge.builder("switchboard.cluster.nodes", this, m -> m.last.nodes().size()).description("cluster nodes whose heartbeat is recent").register(r);
        this.sessions = MultiGauge.builder("switchboard.cluster.node.sessions").description("sessions each node held at its last heartbeat").register(r);
        FunctionCounter.builder("switchboard.cluster.task.redeliveries", this, m -> m.last.taskRedeliveries())
                .description("task tickets JetStream delivered more than once (a node died or let a claim lapse)").register(r);
        Gauge.builder("switchboard.cluster.task.queue.pending", this, m -> m.last.taskPending())
                .description("task tickets waiting on the shared work-queue consumer (its lag)").register(r);
        Gauge.builder("switchboard.cluster.task.queue.ack.pending", this, m -> m.last.taskAckPending())
                .description("task tickets handed to a node and not yet acknowledged").register(r);
        FunctionCounter.builder("switchboard.cluster.unreadable.messages", this, m -> m.last.unreadable())
                .description("cluster messages this node could not read (foreign or corrupt)").register(r);
        ops.showCluster(this::dashboard);
        clock.scheduleWithFixedDelay(this::refresh, 0, 2, TimeUnit.SECONDS);
    }

    private void refresh() {
        try {
            ClusterStatus s = cluster.status();
            last = s;
            error = null;
            sessions.register(s.nodes().stream().map(n -> MultiGauge.Row.of(Tags.of("node", n.node()), n.sessions())).toList(), true);
        } catch (RuntimeException e) {
            error = e.getMessage(); // NATS away: /ready says so; the figures keep their last values
            LOG.log(System.Logger.Level.DEBUG, "cluster status not read: " + e.getMessage());
        }
    }

    private Map<String, Object> dashboard() {
        String e = error;
        if (e != null) return Map.of("error", e);
        ClusterStatus s = last;
        Map<String, Integer> nodes = new LinkedHashMap<>();
        for (ClusterStatus.Node n : s.nodes()) nodes.put(n.node(), n.sessions());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", nodes);
        out.put("taskRedeliveries", s.taskRedeliveries());
        out.put("taskQueuePending", s.taskPending());
        out.put("taskQueueAckPending", s.taskAckPending());
        out.put("unreadableMessages", s.unreadable());
        return out;
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
