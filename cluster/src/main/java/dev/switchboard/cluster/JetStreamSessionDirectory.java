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
    private final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();
    private final ExecutorService later = Executors.newVirtualThreadPerTaskExecutor();
    private volatile NatsKeyValueWatchSubscription watch;

    /** A bucket value: the session and the node that wrote it. */
    record Stored(String node, SessionRecord session) {
    }

    private final SessionJournal journal;
    private final ClusterCodec codec;

    private JetStreamSessionDirectory(KeyValue kv, Connection nats, String node, ClusterCodec codec) throws IOException {
        this.codec = codec;
        this.journal = new SessionJournal(nats, this::refused);
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
        return entry(sessionId).flatMap(e -> {
            try {
                return Optional.of(stored(e).session());
            } catch (RuntimeException ex) {
                refused(SessionStreams.BUCKET + "/" + sessionId, "unreadable session record: " + ex.getMessage());
                return Optional.empty(); // a corrupt record is no session: the client starts a new one
            }
        });
    }

    private Optional<KeyValueEntry> entry(String key) {
        if (!SessionStreams.validKey(key)) return Optional.empty(); // a foreign or forged id never reaches NATS
        if (nats.getStatus() != Connection.Status.CONNECTED) // fail fast rather than wait out the request timeout
            throw new ClusterUnavailable("JetStream could not read session " + key + " (bucket " + SessionStreams.BUCKET
                    + "): NATS is " + nats.getStatus().name().toLowerCase(java.util.Locale.ROOT), null);
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
                SessionRecord r;
                try {
                    r = stored(e.get()).session();
                } catch (RuntimeException corrupt) {
                    refused(SessionStreams.BUCKET + "/" + key, "unreadable session record: " + corrupt.getMessage());
                    continue; // one bad record must not stop the sweep of the others
                }
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

    @Override
    public dev.switchboard.mcp.spi.StreamJournal streamJournal(String sessionId) {
        return SessionStreams.validKey(sessionId) ? journal.of(sessionId) : null;
    }

    @Override
    public void holdStream(String sessionId) {
        nats.publish(SessionMessages.STREAM_HELD, SessionMessages.streamHeld(node, sessionId), new byte[0]);
    }

    private void streamHeld(Listener listener, io.nats.client.Message m) {
        try {
            SessionMessages.StreamHeld held = SessionMessages.streamHeld(m);
            if (!held.node().equals(node)) listener.streamHeldElsewhere(held.sessionId());
        } catch (SessionMessages.Refused e) {
            refused(m.getSubject(), e.getMessage());
        }
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public void answer(String sessionId, dev.switchboard.mcp.codec.Decoded.Response response) {
        if (!(response.id() instanceof RequestId.StringId id)) return;
        String to = SessionMessages.nodeOf(id.value());
        if (to == null || to.equals(node)) return; // not a request any node sent, or ours and no longer awaited
        nats.publish(SessionMessages.replySubject(to), SessionMessages.replyHeaders(sessionId), SessionMessages.replyBody(response));
    }

    // A client's answer another node received for a request this node sent. Anything malformed is counted and dropped.
    private void answered(Listener listener, io.nats.client.Message m) {
        try {
            SessionMessages.Reply r = SessionMessages.reply(m);
            listener.answered(r.sessionId(), r.response());
        } catch (SessionMessages.Refused e) {
            refused(m.getSubject(), e.getMessage());
        }
    }

    // A cancellation from another node: the request may be running here. Anything malformed is counted and dropped.
    private void cancelled(Listener listener, io.nats.client.Message m) {
        Headers h = m.getHeaders();
        if (h != null && node.equals(h.getFirst(NODE))) return;
        if (h == null || h.getFirst(SESSION) == null || m.getData() == null) {
            refused(CANCEL_SUBJECT, "no session header or no body");
            return;
        }
        String id = new String(m.getData(), StandardCharsets.UTF_8);
        try {
            RequestId rid = id.startsWith("n:") ? RequestId.of(Long.parseLong(id.substring(2)))
                    : id.startsWith("s:") ? RequestId.of(id.substring(2)) : null;
            if (rid != null) listener.cancelled(h.getFirst(SESSION), rid);
            else refused(CANCEL_SUBJECT, "request id '" + id + "' is neither s: nor n:");
        } catch (RuntimeException e) {
            refused(CANCEL_SUBJECT, e.getMessage());
        }
    }

    private void refused(String subject, String why) {
        rejected.incrementAndGet();
        LOG.log(Level.WARNING, "ignored a malformed or foreign message on " + subject + ": " + why);
    }

    /** Messages on the session subjects that were refused as malformed or foreign. */
    long rejected() {
        return rejected.get();
    }

    @Override
    public void listen(Listener listener) {
        cancellations = nats.createDispatcher(m -> cancelled(listener, m));
        cancellations.subscribe(CANCEL_SUBJECT);
        cancellations.subscribe(SessionMessages.replySubject(node), m -> answered(listener, m));
        cancellations.subscribe(SessionMessages.STREAM_HELD, m -> streamHeld(listener, m));
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
            refused(SessionStreams.BUCKET + "/" + e.getKey(), "unreadable entry: " + ex.getMessage());
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
        journal.close();
        if (cancellations != null) nats.closeDispatcher(cancellations);
    }
}
