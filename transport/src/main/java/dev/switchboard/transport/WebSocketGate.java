package dev.switchboard.transport;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;

/**
 * The door to MCP over WebSocket on the HTTP listener. A request at {@code ws.path} gets the same
 * checks as the MCP endpoint ({@link HostRules}: one allowed {@code Host}, an allowed
 * {@code Origin}), must be a GET asking to upgrade to {@code websocket}, must offer the
 * {@code mcp} subprotocol when it offers any, and passes the {@link HandshakeCheck} (the bearer
 * token). Only then does this connection get Netty's WebSocket handlers and a
 * {@link WebSocketSession}; connections that stay HTTP never carry them.
 */
@ChannelHandler.Sharable
final class WebSocketGate extends ChannelInboundHandlerAdapter {
    static final String SUBPROTOCOL = "mcp";

    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final HttpSettings http;
    private final WebSocketSettings settings;
    private final HandshakeCheck check;
    private final WebSocketServerProtocolConfig protocol;

    WebSocketGate(SessionHost host, JsonRpcCodec codec, HttpSettings http, WebSocketSettings settings, HandshakeCheck check) {
        this.host = host;
        this.codec = codec;
        this.http = http;
        this.settings = settings;
        this.check = check;
        this.protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(settings.path())
                .subprotocols(SUBPROTOCOL)
                .checkStartsWith(false)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(settings.maxFrameBytes())
                        .allowExtensions(false)
                        .closeOnProtocolViolation(true)
                        .build())
                .build();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // the prefix test first: MCP POSTs, the hot path, pass on without parsing their URI
        if (!(msg instanceof FullHttpRequest req) || !req.uri().startsWith(settings.path()) || !req.decoderResult().isSuccess()
                || !HttpRoutes.pathOf(req.uri()).equals(settings.path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        AuthenticatedHandshake.Admission admitted = admission(ctx, req);
        if (admitted.refusal() != null) {
            ReferenceCountUtil.release(req);
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), "ws-protocol", new WebSocketServerProtocolHandler(protocol));
        p.addAfter("ws-protocol", "ws-aggregator", new WebSocketFrameAggregator(settings.maxMessageBytes()));
        p.addAfter("ws-aggregator", "ws-session", new WebSocketSession(host, codec, settings, admitted.principal()));
        ctx.fireChannelRead(req);
    }

    /** Answers and returns why {@code req} may not upgrade, or returns its admission (with the token's principal). */
    private AuthenticatedHandshake.Admission admission(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpResponse refused = HostRules.refusal(ctx.alloc(), req, http, true);
        if (refused == null && (!req.method().equals(HttpMethod.GET) || !"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE)))) {
            refused = McpHttpHandler.error(ctx.channel(), HttpResponseStatus.UPGRADE_REQUIRED,
                    settings.path() + " is the WebSocket endpoint: send a GET with Upgrade: websocket (subprotocol mcp)");
            refused.headers().set(HttpHeaderNames.UPGRADE, "websocket");
        }
        String offered = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (refused == null && offered != null && Arrays.stream(offered.split(",")).map(String::trim).noneMatch(SUBPROTOCOL::equals))
            refused = McpHttpHandler.error(ctx.channel(), HttpResponseStatus.BAD_REQUEST,
                    "Sec-WebSocket-Protocol offers '" + offered + "'; this endpoint speaks only '" + SUBPROTOCOL + "'");
        AuthenticatedHandshake.Admission admitted = refused == null ? AuthenticatedHandshake.admit(check, HeaderMaps.of(req.headers())) : null;
        if (admitted != null && admitted.refused() != null) refused = McpHttpHandler.refusal(ctx.channel(), admitted.refused());
        else if (admitted != null && admitted.refusal() != null) refused = McpHttpHandler.error(ctx.channel(), HttpResponseStatus.UNAUTHORIZED, admitted.refusal());
        if (refused == null) return admitted;
        HttpResponses.send(ctx.channel(), refused, false);
        return new AuthenticatedHandshake.Admission(refused.status().toString(), null);
    }
}
