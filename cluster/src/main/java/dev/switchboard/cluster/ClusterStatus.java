package dev.switchboard.cluster;

import java.util.List;

/**
 * The cluster as one node sees it, for {@code /metrics} and the dashboard.
 *
 * @param nodes            the nodes whose heartbeat is recent, this one included
 * @param taskRedeliveries task tickets JetStream has delivered more than once (a node died or let a claim lapse)
 * @param taskPending      tickets waiting on the shared work-queue consumer, not yet handed to any node (its lag)
 * @param taskAckPending   tickets handed to a node and not yet acknowledged (tasks running or being claimed)
 * @param unreadable       cluster messages this node could not read (foreign or corrupt), since start
 */
public record ClusterStatus(List<Node> nodes, long taskRedeliveries, long taskPending, long taskAckPending, long unreadable) {
    /**
     * One node's last heartbeat.
     *
     * @param node     the node's name
     * @param sessions the sessions it held then
     * @param seenMs   when it beat, epoch ms
     */
    public record Node(String node, int sessions, long seenMs) {
    }

    public ClusterStatus {
        nodes = List.copyOf(nodes);
    }
}
