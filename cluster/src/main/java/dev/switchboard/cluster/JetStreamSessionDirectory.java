package dev.switchboard.cluster;

import dev.switchboard.mcp.SessionDirectory;
import dev.switchboard.mcp.SessionRecord;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.RequestId;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
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
    static final String CANCEL_SUBJECT = "sb.cancel";
    private static final String NODE = "Sb-Node";
    private static final String SESSION = "Sb-Session";

    private final KeyValue kv;
    private final Connection nats;
    private final String node;
    private io.nats.client.Dispatcher cancellations;
    private final ExecutorService later = Executors.newVirtualThreadPerTaskExecutor();
    private volatile NatsKeyValueWatchSubscription watch;

    /** A bucket value: the session and the node that wrote it. */
    record Stored(String node, SessionRecord session) {
    }

    private final ClusterCodec codec;

    private JetStreamSessionDirectory(KeyValue kv, Connection nats, String node, ClusterCodec codec) {
        this.codec = codec;
        this.kv = kv;
        this.nats = nats;
        this.node = node;
    }

    static JetStreamSessionDirectory open(Connection c, int replicas, String node, ClusterCodec codec) throws IOException, JetStreamApiException {
        SessionStreams.ensure(c, replicas);
        return new JetStreamSessionDirectory(c.keyValue(SessionStreams.BUCKET), c, node, codec);
    }

    @Override
    public void save(SessionRecord session) {
        try {
            kv.put(session.id(), codec.fromJson(JSON.writeValueAsBytes(new Stored(node, session))));
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
        try {
            return entry(sessionId).map(e -> stored(e).session());
        } catch (UnreadableMessage e) {
            LOG.log(Level.WARNING, "session directory: unreadable record for '" + sessionId + "': " + e.getMessage());
            return Optional.empty();
        }
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
                SessionRecord r = stored(e.get()).session();
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
    public void cancel(String sessionId, RequestId requestId) {
        String id = switch (requestId) {
            case RequestId.StringId s -> "s:" + s.value();
            case RequestId.NumberId n -> "n:" + n.value();
        };
        nats.publish(CANCEL_SUBJECT, new Headers().put(NODE, node).put(SESSION, sessionId), id.getBytes(StandardCharsets.UTF_8));
    }

    // A cancellation from another node: the request may be running here. Anything malformed is dropped.
    private void cancelled(Listener listener, io.nats.client.Message m) {
        Headers h = m.getHeaders();
        if (h == null || node.equals(h.getFirst(NODE)) || h.getFirst(SESSION) == null || m.getData() == null) return;
        String id = new String(m.getData(), StandardCharsets.UTF_8);
        try {
            RequestId rid = id.startsWith("n:") ? RequestId.of(Long.parseLong(id.substring(2)))
                    : id.startsWith("s:") ? RequestId.of(id.substring(2)) : null;
            if (rid != null) listener.cancelled(h.getFirst(SESSION), rid);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignored a malformed cancellation on " + CANCEL_SUBJECT + ": " + e.getMessage());
        }
    }

    @Override
    public void listen(Listener listener) {
        cancellations = nats.createDispatcher(m -> cancelled(listener, m));
        cancellations.subscribe(CANCEL_SUBJECT);
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
                Stored s = stored(e);
                if (!node.equals(s.node())) listener.changed(s.session());
            }
        } catch (RuntimeException ex) {
            // a corrupt or foreign value in the bucket: say so, never stop watching
            LOG.log(Level.WARNING, "session directory: ignored an unreadable entry for '" + e.getKey() + "': " + ex.getMessage());
        }
    }

    // A value in any cluster encoding (an older node's JSON included), read by the MCP mapper.
    private Stored stored(KeyValueEntry e) {
        return JSON.readValue(codec.toJson(e.getValue()), Stored.class);
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
        if (cancellations != null) nats.closeDispatcher(cancellations);
    }
}
