package dev.switchboard.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Behind the HTTP codec: sees response objects going out, and counts an SSE stream from its head
 * ({@code Content-Type: text/event-stream}) to its last content or the connection's end. One per
 * connection, since it remembers whether a stream is open on it.
 */
final class StreamCounter extends ChannelDuplexHandler {
    private final HttpTraffic traffic;
    private boolean open;

    StreamCounter(HttpTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r && !(msg instanceof FullHttpResponse) && !open) {
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
