package dev.switchboard.mcp;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every live session by id, with the cap and idle eviction. Ids are 128 bits from
 * {@link SecureRandom} in URL-safe base64: unguessable, and valid in an HTTP header as they are.
 *
 * <p>With a {@link SessionDirectory} (a cluster) this table is a cache of the sessions this node
 * has met: a request naming a session another node opened adopts it from the directory, what the
 * client changes is saved there, other nodes' changes and removals are applied here, and a
 * session ends cluster-wide only when it is idle everywhere.
 */
final class SessionTable implements SessionDirectory.Listener {
    private static final System.Logger LOG = System.getLogger(SessionTable.class.getName());

    /**
     * A message for the channel of a session without a stream journal (one bound to a connection
     * on another node: WebSocket, TCP), published on the kernel bus (body: the session id, a line
     * feed, the JSON-RPC message), which a cluster bridges to every node; the node holding the
     * channel sends it.
     */
    static final String SESSION_MESSAGE = "mcp://notify/session-message";

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final int max;
    private final long idleNanos;
    private final int maxInflight;
    private final Subscriptions subscriptions;
    private final Dispatcher dispatcher;
    private final SessionDirectory directory;
    /** Told the id of each session that ends here (deleted, evicted, shut down, or ended on another node). */
    private final java.util.List<java.util.function.Consumer<String>> endListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    SessionTable(McpSettings settings, Subscriptions subscriptions, Dispatcher dispatcher, SessionDirectory directory) {
        this.max = settings.maxSessions();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.maxInflight = settings.sessionMaxInflight();
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.directory = directory;
        if (directory != null) directory.listen(this);
    }

    /** A new session, or {@code null} when the cap is reached even after evicting idle ones. */
    Session open(String transport, Dispatcher dispatcher) {
        if (!reserve()) return null;
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), transport, dispatcher, maxInflight);
        if (directory != null) share(s);
        sessions.put(s.id(), s);
        return s;
    }

    private boolean reserve() {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            evictIdle();
            if (count.incrementAndGet() > max) {
                count.decrementAndGet();
                return false;
            }
        }
        return true;
    }

    /**
     * The session {@code id}, adopting it from the directory when another node opened it;
     * {@code null} when no node holds it.
     *
     * @throws SessionsUnavailable when the directory cannot be read
     */
    Session find(String id) {
        if (id == null) return null;
        Session s = sessions.get(id);
        return s != null || directory == null ? s : adopt(id);
    }

    // A session another node opened: take its record from the directory and keep it here from now on.
    private Session adopt(String id) {
        Optional<SessionRecord> r;
        try {
            r = directory.load(id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session directory unavailable; session " + id + " cannot be looked up: " + e.getMessage());
            throw new SessionsUnavailable("Session directory unavailable: session '" + id + "' cannot be looked up now ("
                    + e.getMessage() + "); retry after " + FeatureRequests.RETRY_AFTER_MS + " ms", FeatureRequests.RETRY_AFTER_MS, e);
        }
        if (r.isEmpty() || !reserve()) return null;
        Session s = new Session(id, r.get().transport(), dispatcher, maxInflight);
        apply(s, r.get());
        share(s);
        Session raced = sessions.putIfAbsent(id, s);
        if (raced != null) {
            count.decrementAndGet();
            subscriptions.removeAll(s);
            return raced;
        }
        return s;
    }

    private void share(Session s) {
        s.onChange(this::save);
        // only a Streamable HTTP session's stream can be taken up on another node: its events go through the journal
        s.link(new SessionLink(s.id(), directory, "http".equals(s.transport())));
        s.onCancelElsewhere(requestId -> {
            try {
                directory.cancel(s.id(), requestId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session " + s.id() + ": cancellation of " + requestId + " not passed on: " + e.getMessage());
            }
        });
    }

    @Override
    public void cancelled(String sessionId, dev.switchboard.mcp.protocol.RequestId requestId) {
        Session s = sessions.get(sessionId);
        if (s != null) s.cancelHere(requestId);
    }

    /**
     * Another node holds the session's standalone stream: let go of this node's. A node that has
     * not met the session adopts it (one directory read, off the directory's thread), so that it
     * knows the session's subscriptions and journals the events it raises for it: if the holder
     * dies, what is raised before the client resumes elsewhere is still journaled.
     */
    @Override
    public void streamHeldElsewhere(String sessionId) {
        Session s = sessions.get(sessionId);
        if (s != null) {
            s.heldElsewhere();
            return;
        }
        Thread.ofVirtual().name("mcp-session-adopt").start(() -> {
            try {
                Session adopted = find(sessionId);
                if (adopted != null) adopted.heldElsewhere();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "session " + sessionId + " streamed elsewhere not adopted here: " + e.getMessage());
            }
        });
    }

    @Override
    public void answered(String sessionId, dev.switchboard.mcp.codec.Decoded.Response response) {
        Session s = sessions.get(sessionId);
        if (s != null) s.answerHere(response);
    }

    private void apply(Session s, SessionRecord r) {
        s.apply(r);
        Set<String> now = new HashSet<>(s.subscriptions());
        for (String uri : r.subscriptions()) if (!now.contains(uri)) subscriptions.add(s, uri);
        for (String uri : now) if (!r.subscriptions().contains(uri)) subscriptions.remove(s, uri);
    }

    private void save(Session s) {
        try {
            directory.save(s.record());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + s.id() + ": the directory did not take its change; other nodes see the old state: "
                    + e.getMessage());
        }
    }

    @Override
    public void changed(SessionRecord r) {
        Session s = sessions.get(r.id());
        if (s != null) apply(s, r);
    }

    @Override
    public void removed(String sessionId) {
        endHere(sessionId, Session.End.ELSEWHERE);
    }

    /** Ends the session {@code id}, telling its requests in flight {@code why}; {@code false} when there was none. */
    boolean end(String id, Session.End why) {
        if (id == null) return false;
        boolean here = endHere(id, why);
        if (directory == null || why == Session.End.SHUTDOWN) return here;
        try {
            if (!here && directory.load(id).isEmpty()) return false;
            directory.remove(id);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + id + ": the directory did not take its end: " + e.getMessage());
            return here;
        }
    }

    private boolean endHere(String id, Session.End why) {
        Session s = sessions.remove(id);
        if (s == null) return false;
        count.decrementAndGet();
        s.close(why);
        subscriptions.ended(s);
        for (var listener : endListeners) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session " + id + ": a session-end listener failed: " + e);
            }
        }
        return true;
    }

    void onEnded(java.util.function.Consumer<String> listener) {
        endListeners.add(listener);
    }

    /** Starts the virtual thread that evicts idle sessions every quarter of {@code idleTimeout} (1 to 30 s) until interrupted. */
    Thread startIdleSweeper(java.time.Duration idleTimeout) {
        long sweepMillis = Math.max(1_000, Math.min(30_000, idleTimeout.toMillis() / 4));
        return Thread.ofVirtual().name("mcp-session-sweeper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(sweepMillis);
                } catch (InterruptedException e) {
                    return;
                }
                evictIdle();
            }
        });
    }

    /** Ends every session idle for longer than the timeout (see {@link Session#idle}); returns how many. */
    int evictIdle() {
        long now = System.nanoTime();
        int evicted = 0;
        for (Session s : sessions.values()) {
            if (s.idle(now, idleNanos)) {
                if (directory != null && activeElsewhere(s.id())) {
                    // a copy of a session streamed elsewhere stays, to journal what this node raises for it
                    if (!s.streamElsewhere()) endHere(s.id(), Session.End.ELSEWHERE); // only this node's copy: another node serves it
                } else if (end(s.id(), Session.End.EVICTED)) {
                    evicted++;
                }
            } else if (directory != null && s.activeSinceSaved()) {
                saveLater(s);
            }
        }
        if (directory != null) {
            try {
                evicted += directory.evictIdle(System.currentTimeMillis() - idleNanos / 1_000_000);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session directory eviction failed: " + e.getMessage());
            }
        }
        return evicted;
    }

    private boolean activeElsewhere(String id) {
        try {
            return directory.load(id).map(r -> r.lastActiveMs() > System.currentTimeMillis() - idleNanos / 1_000_000)
                    .orElse(false);
        } catch (RuntimeException e) {
            return true; // when in doubt keep the session on the other nodes
        }
    }

    private void saveLater(Session s) {
        try {
            directory.saveLater(s.record());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "session " + s.id() + ": activity not saved: " + e.getMessage());
        }
    }

    /** Where messages for channels open on other nodes go: the bus, in a cluster; null on a single node. */
    java.util.function.BiConsumer<String, byte[]> elsewhere(dev.switchboard.kernel.EventBus bus) {
        if (directory == null) return null;
        return (id, message) -> bus.publish(dev.switchboard.kernel.Message.of(SESSION_MESSAGE,
                id + "\n" + new String(message, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Sends a {@link #SESSION_MESSAGE} into the session's channel if it is open on this node. */
    void deliverHere(String idAndMessage) {
        int cut = idAndMessage.indexOf('\n');
        Session s = cut < 0 ? null : sessions.get(idAndMessage.substring(0, cut));
        if (s != null) s.sendToChannel(idAndMessage.substring(cut + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
    }

    int size() {
        return count.get();
    }

    int max() {
        return max;
    }

    Collection<Session> all() {
        return sessions.values();
    }

    void endAll() {
        for (String id : sessions.keySet()) end(id, Session.End.SHUTDOWN);
    }
}
