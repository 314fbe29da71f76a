package dev.switchboard.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a node joins the cluster.
 *
 * @param servers        NATS URLs, e.g. {@code nats://127.0.0.1:4222}; any one reachable is enough
 * @param replicas       copies JetStream keeps of every stream and bucket (3 in a 3-node NATS cluster, 1 on one server)
 * @param connectTimeout how long start-up waits for NATS before it fails with {@link ClusterUnavailable}
 * @param taskLeaseMs    how long a node's claim on a running task lasts unless renewed: a killed
 *                       node's tasks run elsewhere about this long after it died
 */
public record ClusterSettings(List<String> servers, int replicas, Duration connectTimeout, long taskLeaseMs) {

    public ClusterSettings {
        servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
        if (servers.isEmpty()) throw new IllegalArgumentException("cluster.nats names no server");
        for (String s : servers) {
            if (!s.startsWith("nats://") && !s.startsWith("tls://")) {
                throw new IllegalArgumentException("cluster.nats: '" + s + "' is not a nats:// or tls:// URL");
            }
        }
        if (replicas < 1 || replicas > 5) throw new IllegalArgumentException("replicas must be 1..5, was " + replicas);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (taskLeaseMs < 100) throw new IllegalArgumentException("taskLeaseMs must be at least 100, was " + taskLeaseMs);
    }

    /** Parses {@code nats://h:p[,nats://h:p…]} with 3 replicas when 3 or more servers are named, else 1. */
    public static ClusterSettings of(String natsUrls) {
        List<String> urls = List.of(natsUrls.trim().split("\\s*,\\s*"));
        return new ClusterSettings(urls, urls.size() >= 3 ? 3 : 1, Duration.ofSeconds(3), 5_000);
    }

    public ClusterSettings withReplicas(int r) {
        return new ClusterSettings(servers, r, connectTimeout, taskLeaseMs);
    }

    public ClusterSettings withTaskLeaseMs(long ms) {
        return new ClusterSettings(servers, replicas, connectTimeout, ms);
    }
}
