package dev.switchboard.cluster;

import dev.switchboard.tasks.TaskStore;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * One node's link to the NATS cluster: the connection (reconnecting forever once made) and the
 * JetStream resources the node uses. Start-up fails fast with {@link ClusterUnavailable} when no
 * server answers within the connect timeout: it never hangs.
 *
 * <pre>{@code
 * NatsCluster cluster = NatsCluster.connect(ClusterSettings.of("nats://127.0.0.1:4222"));
 * McpServer.builder("demo", "1").tasks(cluster::taskStore, TaskLimits.defaults())…
 * }</pre>
 */
public final class NatsCluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NatsCluster.class.getName());

    /** How long a node waits for JetStream to elect its leaders when the cluster has just started. */
    private static final Duration START_PATIENCE = Duration.ofSeconds(15);

    private final ClusterSettings settings;
    private final Connection connection;
    private final String node = "node-" + Long.toUnsignedString(new java.security.SecureRandom().nextLong(), 36);
    private final ClusterCodec codec;
    private volatile BusBridge bus;
    private volatile NodeHeartbeat beats;
    private volatile ClusterStatus lastStatus;
    private volatile long lastStatusAt;
    private final java.util.List<AutoCloseable> closeables = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.util.List<JetStreamSessionDirectory> directories = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<NotificationBridge> bridges = new java.util.concurrent.CopyOnWriteArrayList<>();

    private NatsCluster(ClusterSettings settings, Connection connection, ClusterCodec codec) {
        this.settings = settings;
        this.connection = connection;
        this.codec = codec;
    }

    /**
     * Connects to the first reachable server.
     *
     * @throws ClusterUnavailable naming the servers when none answered within the connect timeout
     * @throws IllegalArgumentException naming {@code cluster.zstdDictionary} when its file is unreadable or no dictionary
     */
    public static NatsCluster connect(ClusterSettings settings) {
        ClusterCodec codec = settings.zstdDictionary().map(ZstdDictionary::load)
                .map(ClusterCodec.standard()::withDictionary).orElseGet(ClusterCodec::standard);
        Options options = Options.builder()
                .servers(settings.servers().toArray(String[]::new))
                .connectionTimeout(settings.connectTimeout())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionName("switchboard")
                .errorListener(new LoggedNatsErrors())
                .build();
        try {
            Connection c = Nats.connect(options);
            LOG.log(Level.INFO, "joined NATS at " + c.getConnectedUrl() + " (replicas " + settings.replicas() + ")");
            return new NatsCluster(settings, c, codec);
        } catch (IOException e) {
            throw new ClusterUnavailable("cannot reach NATS at " + String.join(",", settings.servers())
                    + " within " + settings.connectTimeout().toMillis() + " ms: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailable("interrupted while connecting to NATS", e);
        }
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** True while the connection to NATS is up (what {@code /ready} reports). */
    public boolean isConnected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    /** The NATS connection, for the cluster's own parts and for tests. */
    public Connection connection() {
        return connection;
    }

    /**
     * A task store on JetStream, creating its work-queue stream and KV bucket when missing. Each
     * call opens a new store (its own pull subscription); the engine holds one.
     *
     * @throws ClusterUnavailable when JetStream refuses the stream or bucket
     */
    public TaskStore taskStore() {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (true) {
            try {
                return JetStreamTaskStore.open(connection, settings.replicas(), settings.taskLeaseMs(), codec);
            } catch (IOException | JetStreamApiException e) {
                // a cluster just started has no JetStream leader for a moment: wait for one, within bounds
                if (System.nanoTime() > deadline) {
                    throw new ClusterUnavailable("JetStream refused the task stream or bucket: " + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    /**
     * The session directory on JetStream KV, creating its bucket when missing; the caller closes it.
     *
     * @throws ClusterUnavailable when JetStream refuses the bucket
     */
    public dev.switchboard.mcp.SessionDirectory sessionDirectory() {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (true) {
            try {
                JetStreamSessionDirectory d = JetStreamSessionDirectory.open(connection, settings.replicas(), node, codec);
                closeables.add(d);
                directories.add(d);
                return d;
            } catch (IOException | JetStreamApiException e) {
                if (System.nanoTime() > deadline) {
                    throw new ClusterUnavailable("JetStream refused the session bucket: " + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    /**
     * Forwards this node's resource updates and list changes ({@code mcp://notify/…} on the
     * kernel's bus) to every other node and theirs to this one; stops when the cluster closes.
     */
    public void bridgeNotifications(dev.switchboard.kernel.Kernel kernel) {
        NotificationBridge b = new NotificationBridge(connection, kernel, node, codec);
        bridges.add(b);
        closeables.add(b);
    }

    /**
     * Messages this node received on the cluster's subjects and refused as malformed or foreign
     * (each is also logged): they are dropped, never a crash.
     */
    public long rejectedMessages() {
        return directories.stream().mapToLong(JetStreamSessionDirectory::rejected).sum()
                + bridges.stream().mapToLong(NotificationBridge::rejected).sum();
    }

    /**
     * Bridges the kernel bus's topics matching {@code patterns} (e.g. {@code app://orders/>}) across
     * the cluster: a message published on one node reaches the subscribers on every node once, and
     * messages with the same idempotency key (correlation id) published on several nodes within two
     * minutes are delivered once per node. Stops when the cluster closes; no patterns, no bridge.
     *
     * @throws ClusterUnavailable when JetStream refuses the bus stream
     * @throws IllegalArgumentException naming a pattern that is not a topic pattern
     */
    public void bridgeBus(dev.switchboard.kernel.Kernel kernel, java.util.List<String> patterns) {
        if (patterns.isEmpty()) return;
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (true) {
            try {
                BusBridge b = new BusBridge(connection, kernel, node, codec, patterns, settings.replicas());
                bus = b;
                closeables.add(b);
                return;
            } catch (IOException | JetStreamApiException e) {
                if (System.nanoTime() > deadline) throw new ClusterUnavailable("JetStream refused the bus stream: " + e.getMessage(), e);
                pause();
            }
        }
    }

    /**
     * Starts this node's heartbeat in the KV bucket {@code sb-nodes} (every 2 s, with its session
     * count), which {@link #status()} reads; stops when the cluster closes.
     *
     * @throws ClusterUnavailable when JetStream refuses the bucket
     */
    public void heartbeat(java.util.function.IntSupplier sessions) {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (true) {
            try {
                NodeHeartbeat h = NodeHeartbeat.start(connection, settings.replicas(), node, sessions, codec);
                beats = h;
                closeables.add(h);
                return;
            } catch (IOException | JetStreamApiException e) {
                if (System.nanoTime() > deadline) throw new ClusterUnavailable("JetStream refused the node bucket: " + e.getMessage(), e);
                pause();
            }
        }
    }

    /**
     * The nodes alive (by heartbeat, empty before {@link #heartbeat}), the task work queue's
     * redeliveries and lag, and the unreadable messages seen here. Reads NATS at most once a second.
     *
     * @throws ClusterUnavailable when NATS cannot answer
     */
    public ClusterStatus status() {
        ClusterStatus last = lastStatus;
        long now = System.nanoTime();
        if (last != null && now - lastStatusAt < 1_000_000_000L) return last;
        long redelivered = 0, pending = 0, ackPending = 0;
        try {
            var info = connection.jetStreamManagement().getConsumerInfo(TaskStreams.STREAM, TaskStreams.CONSUMER);
            redelivered = info.getRedelivered();
            pending = info.getNumPending();
            ackPending = info.getNumAckPending();
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) throw new ClusterUnavailable("JetStream could not describe the task queue: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ClusterUnavailable("JetStream could not describe the task queue: " + e.getMessage(), e);
        }
        NodeHeartbeat h = beats;
        ClusterStatus s = new ClusterStatus(h == null ? java.util.List.of() : h.alive(), redelivered, pending, ackPending, codec.unreadable());
        lastStatus = s;
        lastStatusAt = now;
        return s;
    }

    /** The kernel bus bridge, or null before {@link #bridgeBus} (for metrics and tests). */
    BusBridge busBridge() {
        return bus;
    }

    /** This node's name in the cluster (random per process). */
    public String node() {
        return node;
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailable("interrupted while waiting for JetStream", ie);
        }
    }

    JetStream jetStream() {
        try {
            return connection.jetStream();
        } catch (IOException e) {
            throw new ClusterUnavailable("JetStream is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing " + c + ": " + e.getMessage());
            }
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
