package dev.switchboard.cluster;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a node joins the cluster.
 *
 * @param servers        NATS URLs, e.g. {@code nats://127.0.0.1:4222}; any one reachable is enough
 * @param replicas       copies JetStream keeps of every stream and bucket (3 in a 3-node NATS cluster, 1 on one server)
 * @param connectTimeout how long start-up waits for NATS before it fails with {@link ClusterUnavailable}
 * @param taskLeaseMs    how long a node's claim on a running task lasts unless renewed: a killed
 *                       node's tasks run elsewhere about this long after it died
 * @param zstdDictionary a zstd dictionary file every node holds, against which cluster messages above
 *                       1 KB are compressed (for prose results; see docs/cluster.md), or empty
 */
public record ClusterSettings(List<String> servers, int replicas, Duration connectTimeout, long taskLeaseMs,
                              Optional<Path> zstdDictionary) {
    /** The NATS servers to join; empty (the default) runs a single node with nothing shared. */
    public static final ConfigKey<String> NATS = ConfigKey.string("cluster.nats", "",
            "NATS servers to join as a cluster node, nats://host:port[,…]; empty for a single node");
    public static final ConfigKey<Integer> REPLICAS = ConfigKey.integer("cluster.replicas", 0, 0, 5,
            "copies JetStream keeps of each stream and bucket; 0 picks 3 with 3 or more servers named, else 1");
    public static final ConfigKey<Long> TASK_LEASE_MS = ConfigKey.longInteger("cluster.taskLeaseMs", 5_000, 100, 600_000,
            "how long a node's claim on a running task lasts unless renewed; a dead node's tasks resume elsewhere after it");
    public static final ConfigKey<Long> CONNECT_TIMEOUT_MS = ConfigKey.longInteger("cluster.connectTimeoutMs", 3_000, 100, 120_000,
            "how long start-up waits for NATS before it fails");
    /** Kernel bus topic patterns bridged across the cluster ({@link NatsCluster#bridgeBus}). */
    public static final ConfigKey<String> TOPICS = ConfigKey.string("cluster.topics", "",
            "kernel bus topic patterns delivered on every node, comma-separated (e.g. app://orders/>); empty bridges none");
    public static final ConfigKey<String> ZSTD_DICTIONARY = ConfigKey.string("cluster.zstdDictionary", "",
            "a zstd dictionary file (zstd --train over your tools' results), the same on every node; empty compresses without one");
    /** Every cluster key, for {@code sb serve}'s configuration. */
    public static final List<ConfigKey<?>> KEYS = List.of(NATS, REPLICAS, TASK_LEASE_MS, CONNECT_TIMEOUT_MS, TOPICS, ZSTD_DICTIONARY);

    /** The patterns {@code cluster.topics} names, empty when none. */
    public static List<String> topics(Config config) {
        String t = config.get(TOPICS).trim();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s*,\\s*"));
    }

    /** Settings without a zstd dictionary. */
    public ClusterSettings(List<String> servers, int replicas, Duration connectTimeout, long taskLeaseMs) {
        this(servers, replicas, connectTimeout, taskLeaseMs, Optional.empty());
    }

    public ClusterSettings {
        Objects.requireNonNull(zstdDictionary, "zstdDictionary");
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

    /** The settings {@code config} names, or empty when {@code cluster.nats} is empty (a single node). */
    public static Optional<ClusterSettings> from(Config config) {
        String urls = config.get(NATS).trim();
        if (urls.isEmpty()) return Optional.empty();
        ClusterSettings s = of(urls);
        int replicas = config.get(REPLICAS);
        return Optional.of(new ClusterSettings(s.servers(), replicas == 0 ? s.replicas() : replicas,
                Duration.ofMillis(config.get(CONNECT_TIMEOUT_MS)), config.get(TASK_LEASE_MS),
                Optional.of(config.get(ZSTD_DICTIONARY).trim()).filter(d -> !d.isEmpty()).map(Path::of)));
    }

    /** Parses {@code nats://h:p[,nats://h:p…]} with 3 replicas when 3 or more servers are named, else 1. */
    public static ClusterSettings of(String natsUrls) {
        List<String> urls = List.of(natsUrls.trim().split("\\s*,\\s*"));
        return new ClusterSettings(urls, urls.size() >= 3 ? 3 : 1, Duration.ofSeconds(3), 5_000);
    }

    public ClusterSettings withReplicas(int r) {
        return new ClusterSettings(servers, r, connectTimeout, taskLeaseMs, zstdDictionary);
    }

    public ClusterSettings withTaskLeaseMs(long ms) {
        return new ClusterSettings(servers, replicas, connectTimeout, ms, zstdDictionary);
    }

    public ClusterSettings withZstdDictionary(Path file) {
        return new ClusterSettings(servers, replicas, connectTimeout, taskLeaseMs, Optional.of(file));
    }
}
