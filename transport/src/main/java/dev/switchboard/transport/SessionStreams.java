package dev.switchboard.transport;

import dev.switchboard.mcp.Principal;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionChannel;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The SSE streams of the session era, and the requests that manage them: GET opens a session's
 * standalone stream (one per session; the session writes into it while no connection is attached)
 * or resumes any stream with {@code Last-Event-ID}; DELETE ends the session and its stream. Every
 * stream, POST answers included, is registered here so it can be resumed until its session ends.
 */
final class SessionStreams {
    private static final System.Logger LOG = System.getLogger(SessionStreams.class.getName());
    private static final AsciiString LAST_EVENT_ID = AsciiString.cached("last-event-id");
    /** The first version whose clients skip SSE events with empty data, which priming events are. */
    private static final String PRIMING_SINCE = "2025-11-25";

    private final SessionHost host;
    private final HttpSettings settings;
    private final BiConsumer<Channel, FullHttpRequest> serveInTurn;
    private final StreamRegistry streams = new StreamRegistry(10_000);
    private final Map<String, SseStream> standalone = new ConcurrentHashMap<>();
    private final AtomicLong streamIds = new AtomicLong();
    /**
     * Makes this process's stream ids unique among the nodes of a cluster, where a stream may be
     * resumed on a node other than the one that opened it.
     */
    private final String streamIdPrefix = Long.toString(new java.security.SecureRandom().nextLong() >>> 24, 36) + "-";

    SessionStreams(SessionHost host, HttpSettings settings, BiConsumer<Channel, FullHttpRequest> serveInTurn) {
        this.host = host;
        this.settings = settings;
        this.serveInTurn = serveInTurn;
    }

    /** Whether a client of {@code version} skips events with empty data, so it can be sent priming events. */
    static boolean primes(String version) {
        return version != null && version.compareTo(PRIMING_SINCE) >= 0;
    }

    /** A new stream of {@code sessionId} ({@code ""} for none), registered for resumption. */
    SseStream newStream(String sessionId) {
        SseStream s = new SseStream(streamIdPrefix + Long.toString(streamIds.incrementAndGet(), 36), sessionId, settings.replayEvents(), settings.keepAlive());
        streams.add(s);
        return s;
    }

    void get(Channel ch, FullHttpRequest req, Principal principal) {
        if (refusedAsStateless(ch, req)) return;
        String accept = req.headers().get(HttpHeaderNames.ACCEPT);
        if (!MediaTypes.accepts(accept, "text/event-stream")) {
            HttpResponses.send(ch, McpHttpHandler.error(ch, HttpResponseStatus.NOT_ACCEPTABLE,
                    "Accept must list text/event-stream for the GET stream, was " + (accept == null ? "absent" : "'" + accept + "'")), false);
            return;
        }
        ServerSession session = session(ch, req, principal);
        if (session == null) return;
        session.touch();
        String sessionId = session.id();
        String lastEventId = req.headers().get(LAST_EVENT_ID);
        if (resumed(ch, sessionId, lastEventId)) return;
        dev.switchboard.mcp.spi.StreamJournal journal = session.streamJournal();
        if (journal != null) {
            journaled(ch, session, journal, lastEventId);
            return;
        }
        SseStream stream = standalone.get(sessionId);
        if (stream != null && stream.attached()) {
            HttpResponses.send(ch, McpHttpHandler.error(ch, HttpResponseStatus.CONFLICT, "Conflict: a standalone SSE stream is already open for this session"), false);
            return;
        }
        boolean created = stream == null;
        if (created) {
            stream = newStream(sessionId);
            standalone.put(sessionId, stream);
            // the session keeps writing into the stream while no connection is attached: events
            // are buffered for a client that comes back with Last-Event-ID; the session is not
            // idle while a connection is attached
            session.attach(channel(session, stream));
        }
        TickFlush.write(ch, SseStream.head(Map.of())); // on the event loop: flushed with the priming event or the replay, one system call
        // the connection carries the stream until it ends; anything pipelined behind the GET waits
        RequestTurns turns = RequestTurns.of(ch, serveInTurn);
        turns.hold();
        stream.attach(ch, turns::done);
        if (primes(session.protocolVersion())) stream.prime(SseStream.RETRY_MILLIS);
        if (created) session.holdStream();
    }

    /**
     * The session's channel into its standalone {@code stream} (in a cluster the journal feeds the
     * stream and the session sends nothing here); when another node takes the stream over, this
     * node lets go of it.
     */
    private SessionChannel channel(ServerSession session, SseStream stream) {
        return new SessionChannel() {
            @Override
            public boolean send(byte[] message) {
                stream.event(message);
                return true;
            }

            @Override
            public boolean listening() {
                return stream.attached();
            }

            @Override
            public void heldElsewhere() {
                standalone.remove(session.id(), stream);
                streams.forget(stream);
                stream.finish();
            }
        };
    }

    /**
     * A GET in a cluster, where the journal of the session's events feeds its standalone stream:
     * a {@code Last-Event-ID} of such a stream ({@code J<start>/<position>}) that the journal
     * still holds continues that stream here, replaying every event journaled after it (raised on
     * any node, held by a node or not) and then each new one, with the same ids; the node that
     * held it lets go. Anything else opens a stream, as a GET without the header does: a stream
     * of this node whose connection dropped is taken up again, otherwise a new one starts at a
     * mark in the journal. The journal's reads and the mark are JetStream round trips made here,
     * on the event loop; when they fail the client is told to retry (503).
     */
    private void journaled(Channel ch, ServerSession session, dev.switchboard.mcp.spi.StreamJournal journal, String lastEventId) {
        String sessionId = session.id();
        long after = journalPosition(lastEventId);
        SseStream stream;
        try {
            if (after >= 0 && journal.holds(after)) {
                stream = new SseStream(lastEventId.substring(0, lastEventId.lastIndexOf('/')), sessionId, settings.replayEvents(), settings.keepAlive());
            } else {
                SseStream open = standalone.get(sessionId);
                if (open != null && open.attached()) {
                    HttpResponses.send(ch, McpHttpHandler.error(ch, HttpResponseStatus.CONFLICT, "Conflict: a standalone SSE stream is already open for this session"), false);
                    return;
                }
                if (open != null && !open.finished()) { // this node's stream, its connection dropped: the journal still feeds it
                    attach(ch, session, open);
                    return;
                }
                after = journal.open();
                stream = new SseStream(JOURNALED + after, sessionId, settings.replayEvents(), settings.keepAlive());
            }
        } catch (RuntimeException e) {
            HttpResponses.send(ch, JsonRpcStatus.retryAfter(HttpResponses.json(ch.alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE,
                    dev.switchboard.mcp.codec.JsonRpcCodec.create().encodeError(null, journalUnavailable(e)))), false);
            return;
        }
        stream.continueAfter(after);
        SseStream previous = standalone.put(sessionId, stream);
        if (previous != null) {
            streams.forget(previous);
            previous.finish();
        }
        streams.add(stream);
        attach(ch, session, stream);
        try {
            stream.fedBy(journal.follow(after, stream::eventAt));
        } catch (RuntimeException e) {
            // the response has begun: end it, and the client comes back with the same Last-Event-ID
            LOG.log(System.Logger.Level.WARNING, "session " + sessionId + ": its stream journal cannot be read now; stream ended: " + e.getMessage());
            standalone.remove(sessionId, stream);
            streams.forget(stream);
            stream.finish();
            return;
        }
        session.attach(channel(session, stream));
        session.holdStream();
    }

    private void attach(Channel ch, ServerSession session, SseStream stream) {
        TickFlush.write(ch, SseStream.head(Map.of()));
        RequestTurns turns = RequestTurns.of(ch, serveInTurn);
        turns.hold();
        stream.attach(ch, turns::done);
        if (primes(session.protocolVersion())) stream.prime(SseStream.RETRY_MILLIS);
    }

    /** The id prefix of a standalone stream a cluster's journal feeds: {@code J<start>}, never a base-36 id of this process. */
    private static final String JOURNALED = "J";

    /** The journal position a {@code Last-Event-ID} names ({@code J<start>/<position>}, position ≥ start), or -1. */
    static long journalPosition(String lastEventId) {
        if (lastEventId == null || !lastEventId.startsWith(JOURNALED)) return -1;
        int slash = lastEventId.lastIndexOf('/');
        try {
            long start = Long.parseLong(lastEventId.substring(JOURNALED.length(), slash));
            long position = Long.parseLong(lastEventId.substring(slash + 1));
            return start >= 0 && position >= start ? position : -1;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return -1;
        }
    }

    private static dev.switchboard.mcp.protocol.JsonRpc.Error journalUnavailable(RuntimeException e) {
        return dev.switchboard.mcp.protocol.JsonRpc.Error.overloaded("Stream journal unavailable: the session's stream cannot be opened now ("
                + e.getMessage() + "); retry after " + RETRY_AFTER_MS + " ms")
                .withData(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("retryAfterMs", RETRY_AFTER_MS));
    }

    private static final long RETRY_AFTER_MS = 1_000;

    /** Resumes the stream a {@code Last-Event-ID} of this session names; {@code false} when it names none. */
    private boolean resumed(Channel ch, String sessionId, String lastEventId) {
        if (lastEventId == null) return false;
        int slash = lastEventId.lastIndexOf('/');
        SseStream previous = slash < 0 ? null : streams.find(lastEventId.substring(0, slash));
        if (previous == null || !previous.sessionId.equals(sessionId)) return false;
        long after;
        try {
            after = Long.parseLong(lastEventId.substring(slash + 1));
        } catch (NumberFormatException e) {
            after = 0;
        }
        if (!previous.replaysAfter(after)) return false; // sent before this node took the stream over: the journal has them
        TickFlush.write(ch, SseStream.head(Map.of())); // on the event loop: flushed with the priming event or the replay, one system call
        // the connection carries this stream until it ends; anything pipelined behind the GET waits
        RequestTurns turns = RequestTurns.of(ch, serveInTurn);
        turns.hold();
        previous.resume(ch, after, turns::done);
        return true;
    }

    void delete(Channel ch, FullHttpRequest req, Principal principal) {
        if (refusedAsStateless(ch, req)) return;
        ServerSession session = session(ch, req, principal);
        if (session == null) return;
        String sessionId = session.id();
        SseStream stream = standalone.remove(sessionId);
        if (stream != null) stream.finish();
        streams.forgetSession(sessionId);
        if (host.end(sessionId)) HttpResponses.send(ch, HttpResponses.empty(HttpResponseStatus.OK), false);
        else HttpResponses.send(ch, notFound(ch, sessionId), false);
    }

    /**
     * Forgets the streams of sessions that ended without a DELETE (evicted when idle, or ended by
     * the server): their standalone connections are closed and nothing can resume them any more.
     */
    void sweep() {
        standalone.entrySet().removeIf(e -> {
            if (alive(e.getKey())) return false;
            e.getValue().finish();
            return true;
        });
        streams.forgetIf(s -> !alive(s.sessionId));
    }

    /** The request's live session; otherwise answers 400 (no id) or 404 (unknown) and returns {@code null}. */
    private ServerSession session(Channel ch, FullHttpRequest req, Principal principal) {
        String sessionId = sessionId(ch, req);
        if (sessionId == null) return null;
        ServerSession session;
        try {
            session = visibleTo(host.find(sessionId), principal);
        } catch (dev.switchboard.mcp.SessionsUnavailable e) {
            FullHttpResponse r = HttpResponses.json(ch.alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE,
                    dev.switchboard.mcp.codec.JsonRpcCodec.create().encodeError(null, unavailable(e)));
            HttpResponses.send(ch, JsonRpcStatus.retryAfter(r), false);
            return null;
        }
        if (session == null) HttpResponses.send(ch, notFound(ch, sessionId), false);
        return session;
    }

    /** The JSON-RPC error for a session that cannot be looked up now: -32000 with {@code retryAfterMs}. */
    static dev.switchboard.mcp.protocol.JsonRpc.Error unavailable(dev.switchboard.mcp.SessionsUnavailable e) {
        return dev.switchboard.mcp.protocol.JsonRpc.Error.overloaded(e.getMessage())
                .withData(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("retryAfterMs", e.retryAfterMs()));
    }

    /** Whether session {@code id} lives (or, when that cannot be told now, may live). */
    private boolean alive(String id) {
        try {
            return host.find(id) != null;
        } catch (dev.switchboard.mcp.SessionsUnavailable e) {
            return true;
        }
    }

    /**
     * {@code session} when {@code principal} may use it, else {@code null}: a session bound to one
     * principal is unknown to every other (the same 404 as a session that never existed, so a
     * guessed id tells nothing).
     */
    static ServerSession visibleTo(ServerSession session, Principal principal) {
        if (session == null || session.owner() == null) return session;
        return principal != null && session.owner().equals(principal.subject()) ? session : null;
    }

    /** The request's {@code Mcp-Session-Id}; otherwise answers 400 and returns {@code null}. */
    private static String sessionId(Channel ch, FullHttpRequest req) {
        String sessionId = req.headers().get(McpHttpHandler.SESSION_HEADER);
        if (sessionId == null) HttpResponses.send(ch, HttpResponses.error(ch.alloc(), HttpResponseStatus.BAD_REQUEST, McpHttpHandler.SESSION_REQUIRED,
                "Bad Request: Mcp-Session-Id header is required"), false);
        return sessionId;
    }

    private static FullHttpResponse notFound(Channel ch, String sessionId) {
        return HttpResponses.error(ch.alloc(), HttpResponseStatus.NOT_FOUND, McpHttpHandler.SESSION_NOT_FOUND, "Session not found: '" + sessionId + "' is unknown, ended or evicted");
    }

    /** A GET or DELETE from a stateless-era client gets 405: it has no session or standalone stream to use. */
    private boolean refusedAsStateless(Channel ch, FullHttpRequest req) {
        String version = req.headers().get(McpHttpHandler.VERSION_HEADER);
        if (Era.ofStreamRequest(req.headers().get(McpHttpHandler.SESSION_HEADER), version, host.supportedVersions()) != Era.STATELESS) return false;
        FullHttpResponse r = McpHttpHandler.error(ch, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method " + req.method() + " is not available to protocol version "
                + version + ": it has no sessions; use POST (subscriptions/listen for notifications)");
        r.headers().set(HttpHeaderNames.ALLOW, "POST");
        HttpResponses.send(ch, r, false);
        return true;
    }
}
