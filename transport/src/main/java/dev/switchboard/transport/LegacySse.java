package dev.switchboard.transport;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP+SSE transport of MCP 2024-11-05, kept for the clients that still speak it (the spec
 * deprecated it in 2025-03-26). {@code GET /sse} opens a session and its stream, whose first event
 * ({@code endpoint}) names where to POST: {@code /messages?sessionId=…}. Each POST is answered 202
 * at once; what it asks for travels back as {@code message} events on the stream. The stream's
 * connection is the session: when it closes, the session ends and later POSTs get 404.
 *
 * <p>Bounded like the other transports: the session cap ({@code sessions.max}, 503 when reached),
 * the listener's connection caps, bodies up to {@code http.maxBodyBytes}, and the stream's unsent
 * output up to {@code http.maxBufferedBytes} ({@link SlowReaders}). Events are batched one flush
 * per event-loop tick ({@link BatchedWrites}).
 */
@ChannelHandler.Sharable
final class LegacySse extends ChannelInboundHandlerAdapter {
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final HttpSettings http;
    private final HandshakeCheck check;
    private final Map<String, ConnectionSession> sessions = new ConcurrentHashMap<>();

    LegacySse(SessionHost host, JsonRpcCodec codec, HttpSettings http, HandshakeCheck check) {
        this.host = host;
        this.codec = codec;
        this.http = http;
        this.check = check;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // the prefix test first: MCP POSTs, the hot path, pass on without parsing their URI
        if (!(msg instanceof FullHttpRequest req) || !(req.uri().startsWith(WebSocketSettings.SSE_PATH) || req.uri().startsWith(WebSocketSettings.MESSAGES_PATH))
                || !req.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = HttpRoutes.pathOf(req.uri());
        boolean stream = path.equals(WebSocketSettings.SSE_PATH);
        if (!stream && !path.equals(WebSocketSettings.MESSAGES_PATH)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            Channel ch = ctx.channel();
            FullHttpResponse refused = HostRules.refusal(ch.alloc(), req, http, true);
            HttpMethod expected = stream ? HttpMethod.GET : HttpMethod.POST;
            if (refused == null && !req.method().equals(expected)) {
                refused = McpHttpHandler.error(ch, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method " + req.method() + " is not allowed on " + path + "; use " + expected);
                refused.headers().set(HttpHeaderNames.ALLOW, expected.name());
            }
            AuthenticatedHandshake.Admission admitted = refused == null ? AuthenticatedHandshake.admit(check, HeaderMaps.of(req.headers())) : null;
            if (admitted != null && admitted.refused() != null) refused = McpHttpHandler.refusal(ch, admitted.refused());
            else if (admitted != null && admitted.refusal() != null) refused = McpHttpHandler.error(ch, HttpResponseStatus.UNAUTHORIZED, admitted.refusal());
            if (refused != null) HttpResponses.send(ch, refused, false);
            else if (stream) open(ch, req, admitted.principal());
            else post(ch, req, admitted.principal());
        } finally {
            ReferenceCountUtil.release(req);
        }
    }

    private void open(Channel ch, FullHttpRequest req, dev.switchboard.mcp.Principal principal) {
        BatchedWrites out = BatchedWrites.of(ch);
        ConnectionSession session = ConnectionSession.open(host, codec, "sse", ch, message -> out.write(event("message", message)),
                HeaderMaps.of(req.headers()), principal, reason -> HttpResponses.send(ch, JsonRpcStatus.retryAfter(HttpResponses.error(ch.alloc(),
                        HttpResponseStatus.SERVICE_UNAVAILABLE, -32000, "Cannot open a session: " + reason)), false));
        if (session == null) return;
        String id = session.id();
        sessions.put(id, session);
        out.write(SseStream.head(Map.of()));
        out.write(event("endpoint", (WebSocketSettings.MESSAGES_PATH + "?sessionId=" + id).getBytes(StandardCharsets.US_ASCII)));
        long period = http.keepAlive().toMillis();
        ScheduledFuture<?> keepAlive = ch.eventLoop().scheduleAtFixedRate(
                () -> out.write(new DefaultHttpContent(Unpooled.wrappedBuffer(KEEP_ALIVE))), period, period, TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(f -> {
            keepAlive.cancel(false);
            sessions.remove(id);
        });
    }

    private void post(Channel ch, FullHttpRequest req, dev.switchboard.mcp.Principal principal) {
        List<String> ids = new QueryStringDecoder(req.uri()).parameters().get("sessionId");
        if (ids == null || ids.isEmpty()) {
            HttpResponses.send(ch, McpHttpHandler.error(ch, HttpResponseStatus.BAD_REQUEST,
                    "Bad Request: the sessionId query parameter is required; GET " + WebSocketSettings.SSE_PATH + " names the endpoint to POST to"), false);
            return;
        }
        ConnectionSession session = sessions.get(ids.getFirst());
        // a session bound to one principal is unknown to every other: the same 404 as an id that never existed
        if (session != null && session.owner() != null && (principal == null || !session.owner().equals(principal.subject()))) session = null;
        if (session == null) {
            HttpResponses.send(ch, HttpResponses.error(ch.alloc(), HttpResponseStatus.NOT_FOUND, McpHttpHandler.SESSION_NOT_FOUND, "Session not found: '"
                    + ids.getFirst() + "' is unknown or its SSE stream has closed; GET " + WebSocketSettings.SSE_PATH + " opens a new one"), false);
            return;
        }
        String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (!MediaTypes.isJson(contentType)) {
            HttpResponses.send(ch, McpHttpHandler.error(ch, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, was " + (contentType == null ? "absent" : "'" + contentType + "'")), false);
            return;
        }
        ByteBuf content = req.content();
        byte[] body = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), body);
        Decoded decoded = codec.decode(body);
        if (decoded instanceof Decoded.Failure f) {
            // nothing went to the stream: the POST itself carries the error
            HttpResponses.send(ch, HttpResponses.json(ch.alloc(), HttpResponseStatus.BAD_REQUEST, codec.encodeError(f)), false);
            return;
        }
        HttpResponses.send(ch, HttpResponses.page(ch.alloc(), HttpResponseStatus.ACCEPTED, "text/plain; charset=utf-8",
                "Accepted".getBytes(StandardCharsets.US_ASCII)), false);
        session.dispatch(decoded);
    }

    private static DefaultHttpContent event(String name, byte[] data) {
        byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = Unpooled.buffer(head.length + data.length + 2).writeBytes(head).writeBytes(data).writeByte('\n').writeByte('\n');
        return new DefaultHttpContent(buf);
    }
}
