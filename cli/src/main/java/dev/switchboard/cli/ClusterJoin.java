package dev.switchboard.cli;

import dev.switchboard.cluster.ClusterSettings;
import dev.switchboard.cluster.NatsCluster;
import dev.switchboard.kernel.Config;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.ops.Operations;
import dev.switchboard.ops.ReadinessCheck;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskStore;
import java.nio.file.Path;
import java.util.function.Supplier;

/*
 * Why: sb serve joins a cluster when cluster.nats names NATS servers, and is the single node it
 * always was otherwise; this keeps that choice out of ServeCommand. With a cluster, tasks live on
 * JetStream, sessions in its KV directory, notifications cross nodes, and /ready asks about NATS.
 */
final class ClusterJoin implements AutoCloseable {
    private final NatsCluster cluster;
    private final java.util.List<String> topics;
    private ClusterMetrics metrics;

    private ClusterJoin(NatsCluster cluster, java.util.List<String> topics) {
        this.cluster = cluster;
        this.topics = topics;
    }

    /**
     * Connects when {@code cluster.nats} is set.
     *
     * @throws dev.switchboard.cluster.ClusterUnavailable naming the servers when none answers in time
     */
    static ClusterJoin from(Config config) {
        return new ClusterJoin(ClusterSettings.from(config).map(NatsCluster::connect).orElse(null), ClusterSettings.topics(config));
    }

    boolean joined() {
        return cluster != null;
    }

    String describe() {
        return cluster == null ? "" : "cluster node " + cluster.node() + " on " + String.join(",", cluster.settings().servers());
    }

    /** Tasks on JetStream in a cluster, else on the embedded store under {@code tasks.dir}. */
    McpServer.Builder prepare(McpServer.Builder builder, Config config, TaskLimits limits) {
        Supplier<TaskStore> store = cluster != null ? cluster::taskStore
                : () -> TaskStore.embedded(Path.of(config.get(TaskOptions.DIR)));
        builder.tasks(store, limits);
        if (cluster != null) builder.sessionDirectory(cluster.sessionDirectory());
        return builder;
    }

    void attach(McpServer server, Operations ops) {
        if (cluster == null) return;
        cluster.bridgeNotifications(server.kernel());
        cluster.bridgeBus(server.kernel(), topics);
        cluster.heartbeat(server::sessionCount);
        metrics = new ClusterMetrics(cluster, ops);
        ops.addReadinessCheck(ReadinessCheck.of("cluster/nats", () -> cluster.isConnected()
                ? new ReadinessCheck.Readiness(true, 0, "connected to NATS at " + cluster.connection().getConnectedUrl())
                : new ReadinessCheck.Readiness(false, 0, "NATS unreachable (" + String.join(",", cluster.settings().servers())
                        + "); reconnecting")));
    }

    @Override
    public void close() {
        if (metrics != null) metrics.close();
        if (cluster != null) cluster.close();
    }
}
