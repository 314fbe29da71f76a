package dev.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;

/**
 * Flushes written channels once, at the end of their event loop's current iteration, however many
 * writes the iteration issued on them.
 *
 * <p>Why: a flush is a system call ({@code writev}/{@code sendto}) per channel. A streamed answer
 * (SSE head, priming event, events, the last chunk) or a GET stream's head and priming event were
 * each written and flushed on their own, one system call apiece, although they were all issued in
 * the same iteration; written here, they leave in one. A plain JSON answer still costs one system
 * call, as before.
 *
 * <p>How: each event loop thread keeps the channels it wrote to in this iteration and one
 * "after the iteration" task ({@link SingleThreadEventLoop#executeAfterEventLoopIteration}) that
 * flushes them all; registering that task from the loop's own thread needs no wake-up. Nothing is
 * kept per channel, so an idle connection costs no more. A channel listed twice is flushed twice;
 * the second flush finds nothing unflushed and makes no system call. On an event loop without the
 * tail-task hook (an embedded test channel) the flush happens at once.
 *
 * <p>Reusable by any pipeline of this module: {@code write} instead of {@code writeAndFlush}, on the
 * channel's event loop.
 */
final class TickFlush {
    private static final FastThreadLocal<TickFlush> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected TickFlush initialValue() {
            return new TickFlush();
        }
    };

    private final Runnable flushAll = this::flushAll;
    /** Two lists in turn, so a tick allocates nothing: one fills while the other is flushed. */
    private ArrayList<Channel> pending = new ArrayList<>();
    private ArrayList<Channel> flushing = new ArrayList<>();
    private boolean scheduled;

    private TickFlush() {}

    /**
     * Flushes {@code ch} at the end of the current iteration of its event loop. Must be called on
     * that loop (everything this module writes is written there, see {@link OrderedWrites}).
     */
    static void request(Channel ch) {
        EventLoop loop = ch.eventLoop();
        if (!(loop instanceof SingleThreadEventLoop tailed) || !loop.inEventLoop()) {
            ch.flush();
            return;
        }
        TickFlush t = PER_LOOP.get();
        int n = t.pending.size();
        if (n == 0 || t.pending.get(n - 1) != ch) t.pending.add(ch);
        if (!t.scheduled) {
            t.scheduled = true;
            tailed.executeAfterEventLoopIteration(t.flushAll);
        }
    }

    /** Writes {@code message} and flushes it with the rest of this iteration's writes. On the channel's event loop. */
    static ChannelFuture write(Channel ch, Object message) {
        ChannelFuture f = ch.write(message);
        request(ch);
        return f;
    }

    private void flushAll() {
        scheduled = false;
        // a flush can run listeners that write and request again: they land in the other list and
        // its own tail task, which runs after this one
        ArrayList<Channel> now = pending;
        pending = flushing;
        flushing = now;
        for (int i = 0; i < now.size(); i++) now.get(i).flush();
        now.clear();
    }
}
