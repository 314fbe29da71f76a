package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** First in the pipeline: counts the bytes read from and written to the socket, and connections. */
@ChannelHandler.Sharable
final class ByteCounter extends ChannelDuplexHandler {
    private final HttpTraffic traffic;

    ByteCounter(HttpTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        traffic.openConnections.incrementAndGet();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        traffic.openConnections.decrementAndGet();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        traffic.bytesIn.add(size(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        traffic.bytesOut.add(size(msg));
        ctx.write(msg, promise);
    }

    private static int size(Object msg) {
        if (msg instanceof ByteBuf b) return b.readableBytes();
        if (msg instanceof ByteBufHolder h) return h.content().readableBytes();
        return 0;
    }
}
