package dev.switchboard.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Behind the HTTP codec: counts the MCP endpoint's SSE streams, from the response head
 * ({@code Content-Type: text/event-stream}) to its last content or the connection's end. Streams
 * of other paths (the dashboard's feed) are not MCP streams and are not counted. One per
 * connection, since it remembers whether a stream is open on it.
 */
final class StreamCounter extends ChannelDuplexHandler {
    private final HttpTraffic traffic;
    private final String mcpPath;
    private boolean mcpRequest;
    private boolean open;

    StreamCounter(HttpTraffic traffic, String mcpPath) {
        this.traffic = traffic;
        this.mcpPath = mcpPath;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest r) {
            mcpRequest = HttpRoutes.pathOf(r.uri()).equals(mcpPath);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r && !(msg instanceof FullHttpResponse) && !open && mcpRequest) {
            String type = r.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (type != null && type.startsWith("text/event-stream")) {
                open = true;
                traffic.openStreams.incrementAndGet();
                traffic.streamsOpened.increment();
            }
        } else if (msg instanceof LastHttpContent && open) {
            closed();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (open) closed();
        super.channelInactive(ctx);
    }

    private void closed() {
        open = false;
        traffic.openStreams.decrementAndGet();
    }
}
