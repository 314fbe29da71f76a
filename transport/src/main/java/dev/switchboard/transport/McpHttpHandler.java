package dev.switchboard.transport;

import dev.switchboard.mcp.Principal;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.util.function.BiConsumer;

/**
 * The Streamable HTTP endpoint (MCP 2025-11-25 and 2026-07-28): the front door every request at
 * the MCP path goes through. It checks what every method shares (a readable request, the path,
 * {@code Host} and {@code Origin}) and hands POSTs to {@link McpPost}, GETs and DELETEs to
 * {@link SessionStreams}. Every check happens here, on the event loop, before the engine sees the
 * message; the engine's {@code handle} returns at once, and answers arrive from handler threads
 * through an {@link HttpExchange}.
 *
 * <p>While a request is being answered, requests a pipelining client sends behind it wait their
 * turn ({@link RequestTurns}), so answers cannot come out of order.
 */
@ChannelHandler.Sharable
final class McpHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final AsciiString SESSION_HEADER = AsciiString.cached("mcp-session-id");
    static final AsciiString VERSION_HEADER = AsciiString.cached("mcp-protocol-version");
    /** The code the reference SDKs answer a session-era request without {@code Mcp-Session-Id} with (HTTP 400). */
    static final int SESSION_REQUIRED = -32000;
    /** Unknown, ended or evicted session (HTTP 404). */
    static final int SESSION_NOT_FOUND = -32001;
    /** A request refused by the authenticator (HTTP 401 or 403); a rate limit (429) or an unreachable authorization server (503) is -32000. */
    static final int UNAUTHORIZED = -32003;
    private static final System.Logger LOG = System.getLogger(McpHttpHandler.class.getName());

    private final HttpSettings settings;
    private final BiConsumer<Channel, FullHttpRequest> serveInTurn = this::serve;
    private final SessionStreams streams;
    private final McpPost posts;
    /** Who may use the endpoint; {@code null} when the listener authenticates nobody. */
    private final Authenticator authenticator;

    McpHttpHandler(SessionHost host, JsonRpcCodec codec, HttpSettings settings) {
        this(host, codec, settings, null);
    }

    McpHttpHandler(SessionHost host, JsonRpcCodec codec, HttpSettings settings, Authenticator authenticator) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.streams = new SessionStreams(host, settings, serveInTurn);
        this.posts = new McpPost(host, codec, streams, serveInTurn, authenticator);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        Channel ch = ctx.channel();
        if (RequestTurns.of(ch, serveInTurn).admit(req)) serve(ch, req);
    }

    /** Serves one request whose turn it is; on the event loop. */
    private void serve(Channel ch, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            HttpResponses.send(ch, error(ch, HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request: " + req.decoderResult().cause()), true);
            return;
        }
        FullHttpResponse refused = HostRules.refusal(ch.alloc(), req, settings, true);
        if (refused != null) {
            HttpResponses.send(ch, refused, false);
            return;
        }
        String path = HttpRoutes.pathOf(req.uri());
        if (!path.equals(settings.path())) {
            HttpResponses.send(ch, HttpResponses.error(ch.alloc(), HttpResponseStatus.NOT_FOUND, -32601,
                    "No endpoint at " + path + "; MCP is served at " + settings.path()), false);
            return;
        }
        Principal principal = null;
        if (authenticator != null) {
            switch (authenticator.authenticate(path, ch.remoteAddress(), req.headers()::get)) {
                case Authenticator.Verdict.Allowed allowed -> principal = allowed.principal();
                case Authenticator.Verdict.Refused refusal -> {
                    HttpResponses.send(ch, refusal(ch, refusal), false);
                    return;
                }
            }
        }
        HttpMethod method = req.method();
        if (method.equals(HttpMethod.POST)) posts.serve(ch, req, principal);
        else if (method.equals(HttpMethod.GET)) streams.get(ch, req, principal);
        else if (method.equals(HttpMethod.DELETE)) streams.delete(ch, req, principal);
        else {
            FullHttpResponse r = error(ch, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed on " + settings.path() + "; use POST, GET or DELETE");
            r.headers().set(HttpHeaderNames.ALLOW, "POST, GET, DELETE");
            HttpResponses.send(ch, r, false);
        }
    }

    /** Forgets the streams of sessions that ended without a DELETE; runs periodically on an event loop. */
    void sweep() {
        streams.sweep();
    }

    /** An authenticator's refusal: its status and headers, and a JSON-RPC error naming the problem (never the token). */
    static FullHttpResponse refusal(Channel ch, Authenticator.Verdict.Refused refusal) {
        int code = refusal.status() == 429 || refusal.status() == 503 ? JsonRpc.SERVER_OVERLOADED : UNAUTHORIZED;
        FullHttpResponse r = HttpResponses.error(ch.alloc(), HttpResponseStatus.valueOf(refusal.status()), code, refusal.message());
        refusal.headers().forEach((k, v) -> r.headers().set(k, v));
        return r;
    }

    /** A -32600 refusal: the request itself is wrong. */
    static FullHttpResponse error(Channel ch, HttpResponseStatus status, String message) {
        return HttpResponses.error(ch.alloc(), status, -32600, message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a peer that resets its connection is routine; anything else is a bug worth seeing
        if (!(cause instanceof java.io.IOException))
            LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel() + " after an unexpected error", cause);
        ctx.close();
    }
}
