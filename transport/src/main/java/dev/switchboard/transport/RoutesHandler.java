package dev.switchboard.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits in front of {@link McpHttpHandler} and answers the paths {@link HttpRoutes} holds; every
 * other request, and anything at the MCP path, passes on untouched. For MCP traffic it costs one
 * map lookup. The {@link HostRules} apply as for MCP: one {@code Host} (400), one of
 * {@code http.allowedHosts} (403).
 *
 * <p>A route answers at once, so a client that pipelines an operational request behind an MCP
 * request still waiting for its handler gets the answers out of order; browsers, curl and load
 * generators do not pipeline, and MCP clients do not call these paths.
 */
@ChannelHandler.Sharable
final class RoutesHandler extends ChannelInboundHandlerAdapter {
    private final HttpRoutes routes;
    private final HttpSettings settings;

    RoutesHandler(HttpRoutes routes, HttpSettings settings) {
        this.routes = routes;
        this.settings = settings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest req && req.decoderResult().isSuccess()) {
            HttpRoute route = routes.find(req.uri());
            if (route != null && !HttpRoutes.pathOf(req.uri()).equals(settings.path())) {
                try {
                    // the MCP endpoint's Host rules: a page on another site must not read these either
                    FullHttpResponse refused = HostRules.refusal(ctx.alloc(), req, settings, false);
                    if (refused != null) ctx.writeAndFlush(refused);
                    else route.serve(ctx.channel(), req);
                } finally {
                    ReferenceCountUtil.release(req);
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
