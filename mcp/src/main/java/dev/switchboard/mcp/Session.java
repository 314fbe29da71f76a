package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionChannel;
import dev.switchboard.kernel.Capacity;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One session's state: the negotiated version and the client's capabilities, the log level, the
 * requests in flight (so {@code notifications/cancelled} can interrupt them), the server-to-client
 * requests awaiting answers, and resource subscriptions. Messages are handled by the server's
 * {@link Dispatcher}; this class only keeps the state and routes responses and notifications.
 *
 * <p>The session bounds its own requests in flight ({@code sessions.maxInflight}), counts as idle
 * only when nothing is in flight and no stream is open, and when it ends answers each request still
 * in flight with an error saying why, so no client is left with a stream that just stops.
 *
 * <p>Memory: a server holds thousands of idle sessions, so what most sessions never use (requests
 * to the client, subscriptions) is made on first use, and the two counters are fields updated
 * through {@link VarHandle}s rather than atomic objects of their own.
 */
final class Session implements ServerSession {
    private static final VarHandle ACTIVE;
    private static final VarHandle OUTBOUND_IDS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ACTIVE = lookup.findVarHandle(Session.class, "active", int.class);
            OUTBOUND_IDS = lookup.findVarHandle(Session.class, "outboundIds", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The subject of the principal that opened the session; null without authentication. */
    private volatile String owner;
    /**
     * The code of the error a request gets when its session ends under it: the transports' code for
     * "Session not found", which is what the client meets next on that session.
     */
    static final int SESSION_ENDED = -32001;
    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    /** Why a session ended, as its requests in flight are told. */
    enum End {
        DELETED("deleted by the client"),
        EVICTED("evicted after idle timeout (sessions.idleTimeoutMs)"),
        SHUTDOWN("the server is shutting down"),
        ELSEWHERE("deleted or evicted on another node of the cluster");

        final String reason;

        End(String reason) {
            this.reason = reason;
        }
    }

    /** A request being handled; {@code thread} is set once its handler starts. */
    static final class InFlight {
        private static final VarHandle ANSWERED;

        static {
            try {
                ANSWERED = MethodHandles.lookup().findVarHandle(InFlight.class, "answered", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Exchange exchange;
        volatile Thread thread;
        volatile boolean cancelled;
        /** The handler's kernel capacity, parked while it waits on the client; set once the handler starts. */
        volatile Capacity capacity = Capacity.NONE;
        /** {@link System#nanoTime()} at the request's deadline, or 0 when it has none ({@link Budgets}). */
        volatile long deadlineNanos;
        @SuppressWarnings("unused") // written through ANSWERED
        private volatile boolean answered;

        InFlight(Exchange exchange) {
            this.exchange = exchange;
        }

        /** {@code true} exactly once: for whoever answers the request, its outcome or the session ending under it. */
        boolean claimAnswer() {
            return ANSWERED.compareAndSet(this, false, true);
        }
    }

    private final String id;
    private final String transport;
    private final Dispatcher dispatcher;
    private final Map<RequestId, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Server-to-client requests awaiting answers; made by the first one. */
    private volatile Map<RequestId, CompletableFuture<Decoded.Response>> awaiting;
    /** Resource subscriptions; made by the first one. */
    private volatile Set<String> subscriptions;
    @SuppressWarnings("unused") // updated through OUTBOUND_IDS
    private volatile long outboundIds;
    /** Requests in {@link #inFlight}, counted apart: the map's size is not exact under concurrent change. */
    @SuppressWarnings("unused") // updated through ACTIVE
    private volatile int active;
    private final int maxInflight;
    private volatile String protocolVersion;
    private volatile Implementation client;
    private volatile ClientCapabilities capabilities = ClientCapabilities.none();
    private volatile LoggingLevel logLevel = LoggingLevel.DEBUG;
    private volatile SessionChannel channel;
    private volatile long lastActiveNanos = System.nanoTime();
    private volatile End end;
    private volatile boolean closed;
    /** Told when the client changed what a session directory keeps; null without a directory. */
    private volatile java.util.function.Consumer<Session> onChange;
    /** Where a cancellation for a request not running here goes; null without a directory. */
    private volatile java.util.function.Consumer<RequestId> cancelElsewhere;
    /** The session's tool-call budget ({@link CallBudgets}); made by its first call when there is one. */
    private volatile io.github.bucket4j.Bucket callBucket;
    /** What the session asks of a cluster's directory beyond its record; null on a single node. */
    private volatile SessionLink link;
    /** Set when another node took the standalone stream, cleared when this node attaches one. */
    private volatile boolean streamElsewhere;
    /** The activity a session directory last heard of. */
    private volatile long savedActiveNanos;

    /** A session without a limit of its own on requests in flight (the stateless era's one-request sessions). */
    Session(String id, String transport, Dispatcher dispatcher) {
        this(id, transport, dispatcher, Integer.MAX_VALUE);
    }

    Session(String id, String transport, Dispatcher dispatcher, int maxInflight) {
        this.id = id;
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.maxInflight = maxInflight;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocolVersion() {
        return protocolVersion;
    }

    @Override
    public void handle(Decoded message, Exchange exchange) {
        touch();
        dispatcher.handle(this, message, exchange);
    }

    @Override
    public void attach(SessionChannel c) {
        channel = c;
        streamElsewhere = false;
    }

    /** Whether another node of the cluster holds (or last held) the session's standalone stream. */
    boolean streamElsewhere() {
        return streamElsewhere;
    }

    @Override
    public void detach(SessionChannel c) {
        if (channel == c) channel = null;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public synchronized void bindOwner(String who) {
        if (owner == null) owner = who;
    }

    @Override
    public void touch() {
        lastActiveNanos = System.nanoTime();
    }

    /**
     * Whether the session has been idle for longer than {@code timeoutNanos}: no request in flight
     * (one waiting on the client's answer included), no stream the client listens on, and no
     * message for that long. A busy session counts as active now, so its idle time starts when it
     * stops being busy rather than at its last message.
     */
    boolean idle(long now, long timeoutNanos) {
        SessionChannel c = channel;
        if (active > 0 || (c != null && c.listening())) {
            lastActiveNanos = now;
            return false;
        }
        return now - lastActiveNanos > timeoutNanos;
    }

    String transport() {
        return transport;
    }

    /** Joins the session to a cluster's directory (request ids naming this node, answers passed on, the stream journal). */
    void link(SessionLink l) {
        this.link = l;
    }

    @Override
    public dev.switchboard.mcp.spi.StreamJournal streamJournal() {
        SessionLink l = link;
        return l == null ? null : l.journal();
    }

    @Override
    public void holdStream() {
        SessionLink l = link;
        if (l != null) l.holdStream();
    }

    /** Another node holds the session's standalone stream now: let go of this node's. */
    void heldElsewhere() {
        streamElsewhere = true;
        SessionChannel c = channel;
        channel = null;
        if (c != null) c.heldElsewhere();
    }

    void onChange(java.util.function.Consumer<Session> listener) {
        this.onChange = listener;
    }

    /** The client changed the session's shared state (initialize, log level, subscriptions). */
    void changed() {
        var c = onChange;
        if (c != null) c.accept(this);
    }

    /** The record a session directory keeps, marking this activity as saved. */
    SessionRecord record() {
        savedActiveNanos = lastActiveNanos;
        return new SessionRecord(id, protocolVersion, client, capabilities, logLevel, subscribedUris(),
                transport, System.currentTimeMillis());
    }

    /** Whether there was activity since the last {@link #record()}. */
    boolean activeSinceSaved() {
        return lastActiveNanos != savedActiveNanos;
    }

    /** Takes what another node stored (subscriptions apart: the table keeps their index). */
    void apply(SessionRecord r) {
        this.protocolVersion = r.protocolVersion();
        this.client = r.client();
        this.capabilities = r.capabilities() == null ? ClientCapabilities.none() : r.capabilities();
        if (r.logLevel() != null) this.logLevel = r.logLevel();
    }

    void initialized(String version, Implementation clientInfo, ClientCapabilities caps) {
        this.protocolVersion = version;
        this.client = clientInfo;
        this.capabilities = caps == null ? ClientCapabilities.none() : caps;
    }

    SessionInfo info() {
        return new SessionInfo(id, protocolVersion, client, capabilities, transport);
    }

    ClientCapabilities capabilities() {
        return capabilities;
    }

    LoggingLevel logLevel() {
        return logLevel;
    }

    void logLevel(LoggingLevel level) {
        this.logLevel = level;
    }

    Set<String> subscriptions() {
        Set<String> s = subscriptions;
        if (s != null) return s;
        synchronized (this) {
            if (subscriptions == null) subscriptions = ConcurrentHashMap.newKeySet();
            return subscriptions;
        }
    }

    /** A copy of the URIs subscribed now; empty, and nothing made, when there never was one. */
    Set<String> subscribedUris() {
        Set<String> s = subscriptions;
        return s == null ? Set.of() : Set.copyOf(s);
    }

    private Map<RequestId, CompletableFuture<Decoded.Response>> awaiting() {
        Map<RequestId, CompletableFuture<Decoded.Response>> a = awaiting;
        if (a != null) return a;
        synchronized (this) {
            if (awaiting == null) awaiting = new ConcurrentHashMap<>();
            return awaiting;
        }
    }

    /**
     * Sends a message that belongs to no request; {@code false} when no channel is open. In a
     * cluster it goes to the journal of the session's standalone stream instead, whichever node
     * holds that stream (if any): {@code eventKey} names the event cluster-wide, so every node
     * that raises the same event for this session journals it once; null makes a fresh key.
     */
    boolean sendToChannel(byte[] message, String eventKey) {
        SessionLink l = link;
        if (l != null && l.journal() != null) {
            l.append(eventKey != null ? eventKey : java.util.UUID.randomUUID().toString(), message);
            return true;
        }
        SessionChannel c = channel;
        return c != null && c.send(message);
    }

    /**
     * Tracks a request answered through {@code exchange}; {@code null} when its id is already in use.
     *
     * @throws McpException -32000 when the session has {@code sessions.maxInflight} requests in flight,
     *     or {@link #SESSION_ENDED} when the session has ended
     */
    InFlight track(RequestId requestId, Exchange exchange) {
        End ended = end;
        if (ended != null) throw new McpException(endedError(ended));
        if ((int) ACTIVE.getAndAdd(this, 1) + 1 > maxInflight) {
            ACTIVE.getAndAdd(this, -1);
            throw new McpException(busy());
        }
        InFlight f = new InFlight(exchange);
        if (inFlight.putIfAbsent(requestId, f) != null) {
            ACTIVE.getAndAdd(this, -1);
            return null;
        }
        // a close that ran before the put did not see this request: answer it the same way
        if ((ended = end) != null) end(requestId, f, ended);
        return f;
    }

    void untrack(RequestId requestId) {
        // the idle clock starts when the last request ends, not at the message that started it
        if (inFlight.remove(requestId) != null && (int) ACTIVE.getAndAdd(this, -1) == 1) touch();
    }

    private JsonRpc.Error busy() {
        return JsonRpc.Error.overloaded("Session busy: " + maxInflight + " requests of this session are in flight (sessions.maxInflight); retry after "
                + FeatureRequests.RETRY_AFTER_MS + " ms").withData(JsonNodeFactory.instance.objectNode().put("retryAfterMs", FeatureRequests.RETRY_AFTER_MS));
    }

    private static JsonRpc.Error endedError(End why) {
        return JsonRpc.Error.of(SESSION_ENDED, "Session ended: " + why.reason)
                .withData(JsonNodeFactory.instance.objectNode().put("reason", why.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Answers {@code f} with the session's end (unless its outcome came first) and interrupts its handler. */
    private void end(RequestId requestId, InFlight f, End why) {
        f.cancelled = true;
        if (f.claimAnswer()) {
            try {
                f.exchange.respond(dispatcher.codec().encodeError(requestId, endedError(why)));
            } catch (RuntimeException e) {
                // a transport already shut down cannot take the answer; the other requests must still get theirs
                LOG.log(System.Logger.Level.DEBUG, "could not tell request " + requestId + " of session " + id + " that the session ended: " + e);
            }
        }
        Thread t = f.thread;
        if (t != null) t.interrupt();
    }

    /**
     * {@code requestId} ran past its deadline: unless its outcome came first, answer it with
     * {@code error} and interrupt its handler, the way a cancellation does.
     */
    void expire(RequestId requestId, InFlight f, JsonRpc.Error error) {
        if (inFlight.get(requestId) != f || !f.claimAnswer()) return;
        f.cancelled = true;
        try {
            f.exchange.respondError(dispatcher.codec().encodeError(requestId, error), error.code());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not tell request " + requestId + " of session " + id + " that its deadline passed: " + e);
        }
        Thread t = f.thread;
        if (t != null) t.interrupt();
    }

    io.github.bucket4j.Bucket callBucket(java.util.function.Supplier<io.github.bucket4j.Bucket> make) {
        io.github.bucket4j.Bucket b = callBucket;
        if (b != null) return b;
        synchronized (this) {
            if (callBucket == null) callBucket = make.get();
            return callBucket;
        }
    }

    /**
     * The client cancelled {@code requestId}: mark it, and interrupt its handler if it runs; a
     * request not running here is passed on to the other nodes of a cluster.
     */
    void cancel(RequestId requestId) {
        var elsewhere = cancelElsewhere;
        if (!cancelHere(requestId) && elsewhere != null) elsewhere.accept(requestId);
    }

    /** Cancels {@code requestId} if it runs on this node; {@code false} when it does not. */
    boolean cancelHere(RequestId requestId) {
        InFlight f = inFlight.get(requestId);
        if (f == null) return false;
        f.cancelled = true;
        Thread t = f.thread;
        if (t != null) t.interrupt();
        return true;
    }

    void onCancelElsewhere(java.util.function.Consumer<RequestId> forward) {
        this.cancelElsewhere = forward;
    }

    /**
     * Sends a server-to-client request through {@code out} and waits for the answer.
     *
     * @throws McpException with the client's error, or -32001 when it does not answer in time
     */
    JsonNode request(String method, Params params, java.util.function.Consumer<byte[]> out, Duration timeout) throws InterruptedException {
        SessionLink l = link;
        RequestId requestId = new RequestId.StringId((l == null ? "s-" : l.outboundPrefix) + ((long) OUTBOUND_IDS.getAndAdd(this, 1L) + 1));
        CompletableFuture<Decoded.Response> answer = new CompletableFuture<>();
        Map<RequestId, CompletableFuture<Decoded.Response>> awaiting = awaiting();
        awaiting.put(requestId, answer);
        try {
            out.accept(dispatcher.codec().encodeRequest(requestId, method, params));
            Decoded.Response r = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.isError()) throw new McpException(r.error());
            return r.result();
        } catch (TimeoutException e) {
            throw new McpException(-32001, "client did not answer " + method + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new McpException(JsonRpc.INTERNAL_ERROR, "session ended while waiting for the answer to " + method);
        } finally {
            awaiting.remove(requestId);
        }
    }

    /**
     * Completes the server-to-client request that {@code response} answers; one this node did not
     * send is passed on to the other nodes of a cluster (the handler that asked may run there).
     */
    void answer(Decoded.Response response) {
        SessionLink l = link;
        if (!answerHere(response) && l != null) l.answerElsewhere(response);
    }

    /** Completes the server-to-client request of this node that {@code response} answers; {@code false} if none waits. */
    boolean answerHere(Decoded.Response response) {
        Map<RequestId, CompletableFuture<Decoded.Response>> a = awaiting;
        CompletableFuture<Decoded.Response> f = response.id() == null || a == null ? null : a.get(response.id());
        return f != null && f.complete(response);
    }

    boolean closed() {
        return closed;
    }

    /**
     * Ends the session: each request in flight is answered with a {@link #SESSION_ENDED} error
     * naming {@code why} and its handler interrupted, and whatever waits on the client fails.
     */
    void close(End why) {
        end = why;
        closed = true;
        channel = null;
        for (Map.Entry<RequestId, InFlight> e : inFlight.entrySet()) end(e.getKey(), e.getValue(), why);
        Map<RequestId, CompletableFuture<Decoded.Response>> a = awaiting;
        if (a != null) for (CompletableFuture<Decoded.Response> f : a.values()) f.completeExceptionally(new IllegalStateException("session ended"));
    }
}
