package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/*
 * Why: /metrics and the dashboard show which nodes are up and how many sessions each holds. Each
 * node puts a small record under its name in the KV bucket sb-nodes every 2 s; a node whose last
 * beat is older than three beats is gone (NATS 2.9 has no per-key TTL, so the bucket's max age of
 * 30 s only bounds what a dead node leaves behind). A node that stops cleanly deletes its key.
 */
final class NodeHeartbeat implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeHeartbeat.class.getName());
    static final String BUCKET = "sb-nodes";
    static final long BEAT_MS = 2_000;

    /** A beat as stored. */
    record Beat(String node, int sessions, long atMs) {
    }

    private final KeyValue kv;
    private final String node;
    private final IntSupplier sessions;
    private final ClusterCodec codec;
    private final ScheduledExecutorService clock =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cluster-heartbeat").factory());

    private NodeHeartbeat(KeyValue kv, String node, IntSupplier sessions, ClusterCodec codec) {
        this.kv = kv;
        this.node = node;
        this.sessions = sessions;
        this.codec = codec;
        clock.scheduleAtFixedRate(this::beat, 0, BEAT_MS, TimeUnit.MILLISECONDS);
    }

    static NodeHeartbeat start(Connection c, int replicas, String node, IntSupplier sessions, ClusterCodec codec)
            throws IOException, JetStreamApiException {
        var kvm = c.keyValueManagement();
        if (!TaskStreams.exists(() -> kvm.getStatus(BUCKET))) {
            TaskStreams.create(() -> kvm.create(KeyValueConfiguration.builder().name(BUCKET).maxHistoryPerKey(1)
                    .ttl(Duration.ofSeconds(30)).storageType(StorageType.Memory).replicas(replicas).build()));
        }
        return new NodeHeartbeat(c.keyValue(BUCKET), node, sessions, codec);
    }

    private void beat() {
        try {
            kv.put(node, codec.encode(new Beat(node, sessions.getAsInt(), System.currentTimeMillis())));
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.DEBUG, "heartbeat not stored: " + e.getMessage()); // NATS away: /ready says so
        }
    }

    /** The nodes that beat within the last three beats, by name. */
    List<ClusterStatus.Node> alive() {
        long since = System.currentTimeMillis() - 3 * BEAT_MS;
        List<ClusterStatus.Node> out = new ArrayList<>();
        try {
            for (String key : kv.keys()) {
                KeyValueEntry e = kv.get(key);
                if (e == null || e.getOperation() != KeyValueOperation.PUT || e.getValue() == null) continue;
                try {
                    Beat b = codec.decode(e.getValue(), Beat.class);
                    if (b.atMs() >= since) out.add(new ClusterStatus.Node(b.node(), b.sessions(), b.atMs()));
                } catch (UnreadableMessage u) {
                    LOG.log(Level.WARNING, "ignored an unreadable heartbeat under '" + key + "': " + u.getMessage());
                }
            }
        } catch (IOException | JetStreamApiException e) {
            throw new ClusterUnavailable("JetStream could not list the nodes (bucket " + BUCKET + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.sort(Comparator.comparing(ClusterStatus.Node::node));
        return out;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            kv.delete(node);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.DEBUG, "heartbeat not removed: " + e.getMessage());
        }
    }
}
