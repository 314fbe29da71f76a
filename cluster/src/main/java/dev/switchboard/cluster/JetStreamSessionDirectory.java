package dev.switchboard.cluster;

import dev.switchboard.mcp.SessionDirectory;
import dev.switchboard.mcp.SessionRecord;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/*
 * Why: a session-era session must answer on whichever node the balancer picks. Its record lives in
 * a KV bucket (one key per session id); each node's SessionTable keeps the sessions it met and is
 * told of every other node's change or removal by a watch on the bucket, so its copy never goes
 * stale for longer than the watch's delivery. A node's own writes come back through the watch too:
 * each value names its writer, and a node skips its own, so an echo never undoes a newer local change.
 */
final class JetStreamSessionDirectory implements SessionDirectory, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JetStreamSessionDirectory.class.getName());
    private static final JsonMapper JSON = JsonRpcCodec.create().mapper();

    private final KeyValue kv;
    private final String node;
    private final ExecutorService later = Executors.newVirtualThreadPerTaskExecutor();
    private volatile NatsKeyValueWatchSubscription watch;

    /** A bucket value: the session and the node that wrote it. */
    record Stored(String node, SessionRecord session) {
    }

    private JetStreamSessionDirectory(KeyValue kv, String node) {
        this.kv = kv;
        this.node = node;
    }

    static JetStreamSessionDirectory open(Connection c, int replicas, String node) throws IOException, JetStreamApiException {
        SessionStreams.ensure(c, replicas);
        return new JetStreamSessionDirectory(c.keyValue(SessionStreams.BUCKET), node);
    }

    @Override
    public void save(SessionRecord session) {
        try {
            kv.put(session.id(), JSON.writeValueAsBytes(new Stored(node, session)));
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("save session " + session.id(), e);
        }
    }

    @Override
    public void saveLater(SessionRecord session) {
        later.execute(() -> {
            try {
                save(session);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, e.getMessage());
            }
        });
    }

    @Override
    public Optional<SessionRecord> load(String sessionId) {
        return entry(sessionId).map(e -> JSON.readValue(e.getValue(), Stored.class).session());
    }

    private Optional<KeyValueEntry> entry(String key) {
        if (!SessionStreams.validKey(key)) return Optional.empty(); // a foreign or forged id never reaches NATS
        try {
            KeyValueEntry e = kv.get(key);
            if (e == null || e.getOperation() != KeyValueOperation.PUT || e.getValue() == null) return Optional.empty();
            return Optional.of(e);
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("read session " + key, e);
        }
    }

    @Override
    public void remove(String sessionId) {
        if (!SessionStreams.validKey(sessionId)) return;
        try {
            kv.delete(sessionId);
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("remove session " + sessionId, e);
        }
    }

    @Override
    public int evictIdle(long beforeMs) {
        int evicted = 0;
        try {
            for (String key : kv.keys()) {
                Optional<KeyValueEntry> e = entry(key);
                if (e.isEmpty()) continue;
                SessionRecord r = JSON.readValue(e.get().getValue(), Stored.class).session();
                if (r.lastActiveMs() >= beforeMs) continue;
                try {
                    kv.delete(key, e.get().getRevision()); // only if no node touched it since we looked
                    evicted++;
                } catch (JetStreamApiException lost) {
                    // another node saved or removed it meanwhile: it is not ours to evict
                }
            }
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("evict idle sessions", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return evicted;
    }

    @Override
    public void listen(Listener listener) {
        try {
            watch = kv.watchAll(new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry e) {
                    deliver(listener, e);
                }

                @Override
                public void endOfData() {
                }
            }, KeyValueWatchOption.UPDATES_ONLY);
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("watch sessions", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("watch sessions", e);
        }
    }

    private void deliver(Listener listener, KeyValueEntry e) {
        try {
            if (e.getOperation() != KeyValueOperation.PUT) {
                listener.removed(e.getKey());
            } else {
                Stored s = JSON.readValue(e.getValue(), Stored.class);
                if (!node.equals(s.node())) listener.changed(s.session());
            }
        } catch (RuntimeException ex) {
            // a corrupt or foreign value in the bucket: say so, never stop watching
            LOG.log(Level.WARNING, "session directory: ignored an unreadable entry for '" + e.getKey() + "': " + ex.getMessage());
        }
    }

    private static ClusterUnavailable unavailable(String what, Exception e) {
        return new ClusterUnavailable("JetStream could not " + what + " (bucket " + SessionStreams.BUCKET + "): "
                + e.getMessage(), e);
    }

    @Override
    public void close() {
        var w = watch;
        if (w != null) {
            try {
                w.unsubscribe();
            } catch (RuntimeException e) {
                // the connection is gone already
            }
        }
        later.shutdown();
    }
}
