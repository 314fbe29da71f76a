package dev.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One flush per event-loop tick for a connection's messages, whichever threads write them.
 *
 * <p>A handler that sends a hundred progress notifications, or a resource update fanned out to a
 * session, would otherwise pay a {@code writeAndFlush} each: one task hop and one system call per
 * message. Here a message joins the connection's queue, and the writer that finds no drain
 * pending schedules one; the drain writes everything queued and flushes once. The drain clears
 * {@code pending} before it polls, so a message offered before the clear is polled by this drain,
 * and one offered after it schedules the next: nothing is stranded unflushed.
 *
 * <p>Messages reach the channel only on its event loop, in the order they were queued, so the
 * order on the wire is the order of the calls (see {@link OrderedWrites} for why that matters).
 * The queue holds at most what writers add within one tick; the connection's {@link SlowReaders}
 * bounds what waits in the socket's buffer behind it.
 *
 * <p>Streamable HTTP writes from the event loop itself and uses {@link TickFlush} (one flush per
 * loop iteration for all its channels); this batcher takes writes from any thread, per connection.
 */
final class BatchedWrites {
    private static final AttributeKey<BatchedWrites> KEY = AttributeKey.valueOf("switchboard.batchedWrites");
    private static final RateLimitedLog LOG = new RateLimitedLog(System.getLogger(BatchedWrites.class.getName()), 5, 20);

    private final Channel channel;
    private final Queue<Object> queued = new ConcurrentLinkedQueue<>();
    /** Set by the writer that schedules the drain, cleared by the drain before it polls. */
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final ChannelFutureListener report = BatchedWrites::report;

    private BatchedWrites(Channel channel) {
        this.channel = channel;
    }

    /** The channel's batcher. */
    static BatchedWrites of(Channel ch) {
        BatchedWrites t = ch.attr(KEY).get();
        if (t != null) return t;
        BatchedWrites created = new BatchedWrites(ch);
        t = ch.attr(KEY).setIfAbsent(created);
        return t == null ? created : t;
    }

    /** Queues {@code message}; it is written and flushed with the others of this tick. Any thread. */
    void write(Object message) {
        queued.offer(message);
        if (pending.compareAndSet(false, true)) channel.eventLoop().execute(drain);
    }

    private void drain() {
        pending.set(false);
        Object m;
        if (!channel.isActive()) {
            while ((m = queued.poll()) != null) ReferenceCountUtil.release(m);
            return;
        }
        int n = 0;
        while ((m = queued.poll()) != null) {
            channel.write(m).addListener(report);
            n++;
        }
        if (n > 0) channel.flush();
    }

    /** A failed write on an open connection is a bug worth seeing; on a closed one it is routine. */
    private static void report(ChannelFuture f) {
        if (!f.isSuccess() && f.channel().isActive())
            LOG.log(System.Logger.Level.WARNING, () -> "write on " + f.channel() + " failed: " + f.cause());
    }
}
