package dev.switchboard.transport;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import dev.switchboard.mcp.spi.SessionChannel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The Streamable HTTP endpoint (MCP 2025-11-25): POST carries client messages, GET opens the
 * session's standalone SSE stream (or resumes one with {@code Last-Event-ID}), DELETE ends the
 * session. Every check happens here, on the event loop, before the engine sees the message; the
 * engine's {@link ServerSession#handle} returns at once, and answers arrive from handler threads
 * through an {@link HttpExchange}.
 *
 * <p>While a POST is being answered, requests a pipelining client sends behind it wait their turn
 * ({@link RequestTurns}), so answers cannot come out of order.
 */
@ChannelHandler.Sharable
final class McpHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final System.Logger LOG = System.getLogger(McpHttpHandler.class.getName());
    static final AsciiString SESSION_HEADER = AsciiString.cached("mcp-session-id");
    static final AsciiString VERSION_HEADER = AsciiString.cached("mcp-protocol-version");
    private static final AsciiString LAST_EVENT_ID = AsciiString.cached("last-event-id");
    private static final String SESSION_RESPONSE_HEADER = "Mcp-Session-Id";
    /** The first version whose clients skip SSE events with empty data, which priming events are. */
    private static final String PRIMING_SINCE = "2025-11-25";
    private static final Exchange NO_REPLY = new Exchange() {
        @Override public void send(byte[] message) {}
        @Override public void respond(byte[] response) {}
        @Override public void abandon() {}
        @Override public Map<String, List<String>> headers() { return Map.of(); }
    };

    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final HttpSettings settings;
    private final StreamRegistry streams = new StreamRegistry(10_000);
    private final Map<String, SseStream> standalone = new ConcurrentHashMap<>();
    private final AtomicLong streamIds = new AtomicLong();
    private final BiConsumer<Channel, FullHttpRequest> serveInTurn = this::serve;

    McpHttpHandler(SessionHost host, JsonRpcCodec codec, HttpSettings settings) {
        this.host = host;
        this.codec = codec;
        this.settings = settings;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        Channel ch = ctx.channel();
        if (RequestTurns.of(ch, serveInTurn).admit(req)) serve(ch, req);
    }

    /** Serves one request whose turn it is; on the event loop. */
    private void serve(Channel ch, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            reply(ch, error(ch, HttpResponseStatus.BAD_REQUEST, -32600, "Malformed HTTP request: " + req.decoderResult().cause()), true);
            return;
        }
        String path = req.uri();
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        if (!path.equals(settings.path())) {
            reply(ch, error(ch, HttpResponseStatus.NOT_FOUND, -32601, "No endpoint at " + path + "; MCP is served at " + settings.path()), false);
            return;
        }
        String refusal = originRefusal(req);
        if (refusal != null) {
            reply(ch, error(ch, HttpResponseStatus.FORBIDDEN, -32600, refusal), false);
            return;
        }
        HttpMethod method = req.method();
        if (method.equals(HttpMethod.POST)) post(ch, req);
        else if (method.equals(HttpMethod.GET)) get(ch, req);
        else if (method.equals(HttpMethod.DELETE)) delete(ch, req);
        else {
            FullHttpResponse r = error(ch, HttpResponseStatus.METHOD_NOT_ALLOWED, -32600, "Method " + method + " is not allowed on " + settings.path() + "; use POST, GET or DELETE");
            r.headers().set(HttpHeaderNames.ALLOW, "POST, GET, DELETE");
            reply(ch, r, false);
        }
    }

    /** DNS-rebinding protection: the Host, and the Origin when present, must name an allowed host. */
    private String originRefusal(FullHttpRequest req) {
        String hostHeader = req.headers().get(HttpHeaderNames.HOST);
        if (hostHeader != null && !settings.allowsHost(hostHeader))
            return "Forbidden: Host '" + hostHeader + "' is not allowed (allowed: " + settings.allowedHosts() + ")";
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null) {
            String originHost;
            try {
                originHost = URI.create(origin).getHost();
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (originHost == null || !settings.allowedHosts().contains(originHost.startsWith("[") || !originHost.contains(":") ? originHost : "[" + originHost + "]"))
                return "Forbidden: Origin '" + origin + "' is not allowed (allowed hosts: " + settings.allowedHosts() + ")";
        }
        return null;
    }

    private void post(Channel ch, FullHttpRequest req) {
        String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            reply(ch, error(ch, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, -32600, "Content-Type must be application/json, was " + (contentType == null ? "absent" : "'" + contentType + "'")), false);
            return;
        }
        String accept = req.headers().get(HttpHeaderNames.ACCEPT);
        if (!accepts(accept, "application/json") || !accepts(accept, "text/event-stream")) {
            reply(ch, error(ch, HttpResponseStatus.NOT_ACCEPTABLE, -32600, "Accept must list both application/json and text/event-stream, was " + (accept == null ? "absent" : "'" + accept + "'")), false);
            return;
        }
        String version = req.headers().get(VERSION_HEADER);
        Decoded decoded = decode(req.content());
        String sessionId = req.headers().get(SESSION_HEADER);
        if (sessionId == null && statelessEra(decoded, version)) {
            RequestTurns turns = RequestTurns.of(ch, serveInTurn);
            turns.hold();
            // no resumption without sessions (GET is refused), so no priming events
            HttpExchange exchange = new HttpExchange(ch, req.headers(), Map.of(), () -> newStream(""), turns::done, false, true);
            host.handleStateless(decoded, exchange);
            return;
        }
        if (version != null && !host.supportedVersions().contains(version)) {
            reply(ch, error(ch, HttpResponseStatus.BAD_REQUEST, -32600, "Unsupported MCP-Protocol-Version '" + version + "'; supported: " + host.supportedVersions()), false);
            return;
        }
        if (decoded instanceof Decoded.Failure f) {
            reply(ch, HttpErrors.json(ch.alloc(), HttpResponseStatus.BAD_REQUEST, codec.encodeError(f)), false);
            return;
        }
        ServerSession session;
        Map<String, String> responseHeaders = Map.of();
        if (sessionId == null) {
            if (!(decoded instanceof Decoded.Request r && r.method().equals(McpMethods.INITIALIZE))) {
                reply(ch, error(ch, HttpResponseStatus.BAD_REQUEST, -32000, "Bad Request: Mcp-Session-Id header is required; only initialize may be sent without one"), false);
                return;
            }
            switch (host.open("http")) {
                case SessionHost.Opened.Full full -> {
                    reply(ch, error(ch, HttpResponseStatus.SERVICE_UNAVAILABLE, -32000, "Cannot open a session: " + full.reason()), false);
                    return;
                }
                case SessionHost.Opened.Session opened -> {
                    session = opened.session();
                    responseHeaders = Map.of(SESSION_RESPONSE_HEADER, session.id());
                }
            }
        } else {
            session = host.find(sessionId);
            if (session == null) {
                reply(ch, error(ch, HttpResponseStatus.NOT_FOUND, -32001, "Session not found: '" + sessionId + "' is unknown, ended or evicted; send initialize without Mcp-Session-Id to start a new one"), false);
                return;
            }
        }
        boolean expectsReply = decoded instanceof Decoded.Request || decoded instanceof Decoded.Batch;
        if (!expectsReply) {
            session.handle(decoded, NO_REPLY);
            FullHttpResponse accepted = HttpErrors.empty(HttpResponseStatus.ACCEPTED);
            responseHeaders.forEach((k, v) -> accepted.headers().set(k, v));
            reply(ch, accepted, false);
            return;
        }
        RequestTurns turns = RequestTurns.of(ch, serveInTurn);
        turns.hold();
        String sid = session.id();
        String negotiated = session.protocolVersion();
        HttpExchange exchange = new HttpExchange(ch, req.headers(), responseHeaders, () -> newStream(sid), turns::done,
                primes(negotiated != null ? negotiated : version), false);
        session.handle(decoded, exchange);
    }

    /**
     * One endpoint serves both eras. A request without a session id belongs to the stateless era
     * (2026-07-28) when it names a protocol version the session era does not speak, or carries the
     * version in {@code params._meta}; everything else is session-era traffic, unchanged.
     */
    private boolean statelessEra(Decoded decoded, String versionHeader) {
        if (versionHeader != null && !host.supportedVersions().contains(versionHeader)) return true;
        return decoded instanceof Decoded.Request r && r.meta() != null && r.meta().has(StatelessEra.META_VERSION);
    }

    /** A GET or DELETE from a stateless-era client: there is no session or standalone stream to use. */
    private boolean statelessClient(FullHttpRequest req) {
        String version = req.headers().get(VERSION_HEADER);
        return req.headers().get(SESSION_HEADER) == null && version != null && !host.supportedVersions().contains(version);
    }

    private void refuseStateless(Channel ch, FullHttpRequest req) {
        FullHttpResponse r = error(ch, HttpResponseStatus.METHOD_NOT_ALLOWED, -32600, "Method " + req.method() + " is not available to protocol version "
                + req.headers().get(VERSION_HEADER) + ": it has no sessions; use POST (subscriptions/listen for notifications)");
        r.headers().set(HttpHeaderNames.ALLOW, "POST");
        reply(ch, r, false);
    }

    private Decoded decode(ByteBuf content) {
        if (content.hasArray()) return codec.decode(content.array(), content.arrayOffset() + content.readerIndex(), content.readableBytes());
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return codec.decode(bytes);
    }

    private SseStream newStream(String sessionId) {
        SseStream s = new SseStream(Long.toString(streamIds.incrementAndGet(), 36), sessionId, settings.replayEvents(), settings.keepAlive());
        streams.add(s);
        return s;
    }

    private void get(Channel ch, FullHttpRequest req) {
        if (statelessClient(req)) {
            refuseStateless(ch, req);
            return;
        }
        String accept = req.headers().get(HttpHeaderNames.ACCEPT);
        if (!accepts(accept, "text/event-stream")) {
            reply(ch, error(ch, HttpResponseStatus.NOT_ACCEPTABLE, -32600, "Accept must list text/event-stream for the GET stream, was " + (accept == null ? "absent" : "'" + accept + "'")), false);
            return;
        }
        String sessionId = req.headers().get(SESSION_HEADER);
        if (sessionId == null) {
            reply(ch, error(ch, HttpResponseStatus.BAD_REQUEST, -32000, "Bad Request: Mcp-Session-Id header is required"), false);
            return;
        }
        ServerSession session = host.find(sessionId);
        if (session == null) {
            reply(ch, error(ch, HttpResponseStatus.NOT_FOUND, -32001, "Session not found: '" + sessionId + "' is unknown, ended or evicted"), false);
            return;
        }
        session.touch();
        String lastEventId = req.headers().get(LAST_EVENT_ID);
        if (lastEventId != null) {
            int slash = lastEventId.lastIndexOf('/');
            SseStream previous = slash < 0 ? null : streams.find(lastEventId.substring(0, slash));
            if (previous != null && previous.sessionId.equals(sessionId)) {
                long after;
                try {
                    after = Long.parseLong(lastEventId.substring(slash + 1));
                } catch (NumberFormatException e) {
                    after = 0;
                }
                ch.writeAndFlush(SseStream.head(Map.of()));
                // the connection carries this stream until it ends; anything pipelined behind the GET waits
                RequestTurns turns = RequestTurns.of(ch, serveInTurn);
                turns.hold();
                previous.resume(ch, after, turns::done);
                return;
            }
        }
        SseStream stream = standalone.get(sessionId);
        if (stream != null && stream.attached()) {
            reply(ch, error(ch, HttpResponseStatus.CONFLICT, -32600, "Conflict: a standalone SSE stream is already open for this session"), false);
            return;
        }
        if (stream == null) {
            SseStream created = newStream(sessionId);
            stream = created;
            standalone.put(sessionId, created);
            // the session keeps writing into the stream while no connection is attached: events
            // are buffered for a client that comes back with Last-Event-ID; the session is not
            // idle while a connection is attached
            session.attach(new SessionChannel() {
                @Override
                public boolean send(byte[] message) {
                    created.event(message);
                    return true;
                }

                @Override
                public boolean listening() {
                    return created.attached();
                }
            });
        }
        ch.writeAndFlush(SseStream.head(Map.of()));
        // the connection carries the stream until it ends; anything pipelined behind the GET waits
        RequestTurns turns = RequestTurns.of(ch, serveInTurn);
        turns.hold();
        stream.attach(ch, turns::done);
        if (primes(session.protocolVersion())) stream.prime(SseStream.RETRY_MILLIS);
    }

    /** Whether a client of {@code version} skips events with empty data, so it can be sent priming events. */
    static boolean primes(String version) {
        return version != null && version.compareTo(PRIMING_SINCE) >= 0;
    }

    /**
     * Forgets the streams of sessions that ended without a DELETE (evicted when idle, or ended by
     * the server): their standalone connections are closed and nothing can resume them any more.
     * Runs periodically on an event loop.
     */
    void sweep() {
        standalone.entrySet().removeIf(e -> {
            if (host.find(e.getKey()) != null) return false;
            e.getValue().finish();
            return true;
        });
        streams.forgetIf(s -> host.find(s.sessionId) == null);
    }

    private void delete(Channel ch, FullHttpRequest req) {
        if (statelessClient(req)) {
            refuseStateless(ch, req);
            return;
        }
        String sessionId = req.headers().get(SESSION_HEADER);
        if (sessionId == null) {
            reply(ch, error(ch, HttpResponseStatus.BAD_REQUEST, -32000, "Bad Request: Mcp-Session-Id header is required"), false);
            return;
        }
        SseStream stream = standalone.remove(sessionId);
        if (stream != null) stream.finish();
        streams.forgetSession(sessionId);
        if (host.end(sessionId)) reply(ch, HttpErrors.empty(HttpResponseStatus.OK), false);
        else reply(ch, error(ch, HttpResponseStatus.NOT_FOUND, -32001, "Session not found: '" + sessionId + "' is unknown, ended or evicted"), false);
    }

    private static boolean accepts(String accept, String type) {
        if (accept == null) return false;
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains(type) || a.contains("*/*");
    }

    private static FullHttpResponse error(Channel ch, HttpResponseStatus status, int code, String message) {
        return HttpErrors.error(ch.alloc(), status, code, message);
    }

    private static void reply(Channel ch, FullHttpResponse r, boolean close) {
        if (close) ch.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        else ch.writeAndFlush(r);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a peer that resets its connection is routine; anything else is a bug worth seeing
        if (!(cause instanceof java.io.IOException))
            LOG.log(System.Logger.Level.ERROR, "closing " + ctx.channel() + " after an unexpected error", cause);
        ctx.close();
    }
}
