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
 *
 * <p>A stream's queued writes are flushed by {@link TickFlush} with every other write of the same
 * event-loop iteration, so the head, priming event and events issued together leave in one system
 * call, as do the last event and the end of the response.
 */
final class OrderedWrites {
    private static final RateLimitedLog LOG = new RateLimitedLog(System.getLogger(OrderedWrites.class.getName()), 5, 20);

    private OrderedWrites() {}

    static void write(Channel ch, Object message) {
        ch.eventLoop().execute(() -> report(TickFlush.write(ch, message)));
    }

    /**
     * Writes a whole reply and flushes it at once, then runs {@code then} on the event loop in the
     * same task: the one hop that a response and the release of its connection's turn
     * ({@link RequestTurns#doneOnLoop}) used to take as two. A whole reply is the only write of its
     * exchange, so waiting for the end of the iteration would save no system call.
     */
    static void writeWhole(Channel ch, Object message, Runnable then) {
        ch.eventLoop().execute(() -> {
            report(ch.writeAndFlush(message));
            then.run();
        });
    }

    /** A failed write is a bug or a closed connection; either way it is said, not swallowed. */
    private static void report(ChannelFuture f) {
        f.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess() && done.channel().isActive())
                LOG.log(System.Logger.Level.WARNING, () -> "write on " + done.channel() + " failed: " + done.cause());
        });
    }
}
