package dev.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;

/**
 * One connection's HTTP requests, served one at a time in the order they arrived.
 *
 * <p>HTTP/1.1 answers on a connection must come in request order, but our answers come later from
 * handler threads. So while a request is being answered ({@link #hold}) the requests a pipelining
 * client sends behind it wait here, and {@link #done} lets the next one in.
 *
 * <p>Why not stop reading the socket for every request instead: on epoll each
 * {@code setAutoRead} toggle is an {@code epoll_ctl} system call, two per request, and turning it
 * back on from a handler thread wakes the event loop once more. Clients that do not pipeline (almost
 * all of them) never reach the queue, so the common path costs a field write. Reading stops only
 * when {@link #MAX_WAITING} requests are queued, which bounds the memory a pipelining client can pin.
 *
 * <p>Only the channel's event loop touches the fields; {@link #done} hops onto it. The queue, and
 * the close listener that releases what it holds, are made by the first request that has to wait,
 * so a connection that never pipelines (an idle session's GET stream among them) carries neither.
 */
final class RequestTurns {
    /** Queued requests beyond which the connection stops reading until the queue drains. */
    static final int MAX_WAITING = 16;
    private static final AttributeKey<RequestTurns> KEY = AttributeKey.valueOf("switchboard.requestTurns");

    private final Channel channel;
    private final BiConsumer<Channel, FullHttpRequest> serve;
    private ArrayDeque<FullHttpRequest> waiting;
    private boolean busy;
    private boolean paused;

    private RequestTurns(Channel channel, BiConsumer<Channel, FullHttpRequest> serve) {
        this.channel = channel;
        this.serve = serve;
    }

    /** The connection's turns; {@code serve} handles a queued request when its turn comes. */
    static RequestTurns of(Channel ch, BiConsumer<Channel, FullHttpRequest> serve) {
        RequestTurns t = ch.attr(KEY).get();
        if (t == null) {
            t = new RequestTurns(ch, serve);
            ch.attr(KEY).set(t);
        }
        return t;
    }

    /**
     * {@code true} when {@code req} may be served now; otherwise it was queued (and retained) and
     * will be served when the requests before it are answered.
     */
    boolean admit(FullHttpRequest req) {
        if (!busy && (waiting == null || waiting.isEmpty())) return true;
        if (waiting == null) {
            waiting = new ArrayDeque<>();
            channel.closeFuture().addListener(f -> channel.eventLoop().execute(this::discard));
        }
        waiting.addLast(req.retain());
        if (waiting.size() >= MAX_WAITING && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
        return false;
    }

    /** The request being served answers later; the next one waits for {@link #done}. */
    void hold() {
        busy = true;
    }

    /**
     * The held request is answered: serve the next. Any thread. Always through the event loop's
     * queue, even on the event loop: the answer's last write is queued there (see
     * {@link OrderedWrites}), and the next request's answer must not overtake it.
     */
    void done() {
        channel.eventLoop().execute(this::next);
    }

    /** {@link #done} from the event loop, in the task that issued the answer's last write (so nothing can overtake it). */
    void doneOnLoop() {
        next();
    }

    private void next() {
        busy = false;
        FullHttpRequest req;
        if (waiting == null) return;
        while (!busy && channel.isActive() && (req = waiting.pollFirst()) != null) {
            try {
                serve.accept(channel, req);
            } finally {
                req.release();
            }
        }
        if (paused && waiting.size() < MAX_WAITING / 2) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }

    private void discard() {
        FullHttpRequest req;
        while ((req = waiting.pollFirst()) != null) req.release();
    }
}
