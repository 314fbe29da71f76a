package dev.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Writes that keep the order in which they were issued, whatever thread issues them.
 *
 * <p>Netty runs a write issued on the channel's event loop at once, but queues one issued from any
 * other thread. A response can be issued on the event loop (when a handler finishes before the
 * event loop has attached its completion callback, the callback runs there) after the SSE head and
 * events were issued from the handler's thread and are still queued: written inline, it would
 * overtake them, the HTTP encoder would refuse it, and the response would be lost. So every write
 * of an exchange or a stream goes through the event loop's queue.
 */
final class OrderedWrites {
    private static final RateLimitedLog LOG = new RateLimitedLog(System.getLogger(OrderedWrites.class.getName()), 5, 20);

    private OrderedWrites() {}

    static void write(Channel ch, Object message) {
        if (ch.eventLoop().inEventLoop()) ch.eventLoop().execute(() -> report(ch.writeAndFlush(message)));
        else report(ch.writeAndFlush(message));
    }

    /** A failed write is a bug or a closed connection; either way it is said, not swallowed. */
    private static void report(ChannelFuture f) {
        f.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess() && done.channel().isActive())
                LOG.log(System.Logger.Level.WARNING, () -> "write on " + done.channel() + " failed: " + done.cause());
        });
    }
}
