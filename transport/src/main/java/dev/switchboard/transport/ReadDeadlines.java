package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * One connection's read deadlines: its request headers must arrive within
 * {@code http.headerTimeoutMs} (counted from the connection's start, or from the first byte of a
 * later request), its body within {@code http.bodyTimeoutMs} after the headers, and a keep-alive
 * connection with nothing in progress is closed after {@code http.idleTimeoutMs}. While a request
 * is being answered (an SSE stream included, which sends its own keep-alive comments) there is no
 * deadline: how long a handler takes is the server's business, not an abuse of it.
 *
 * <p>It sits in the pipeline twice: this handler in front of the codec sees raw bytes (a request's
 * first byte), and {@link #boundaries()} behind it sees where requests and responses begin and end.
 * One timer per connection, re-armed at most every {@link ConnectionSettings#shortestTimeout()}
 * instead of cancelled and rescheduled on every request, so a busy keep-alive connection pays no
 * scheduling per request. A request that cannot finish in time gets a 408 naming the setting when
 * no response is under way on the connection; an idle connection is closed without a word, as
 * HTTP allows.
 */
final class ReadDeadlines extends ChannelInboundHandlerAdapter {
    private enum Phase { HEADERS, BODY, BETWEEN }

    private final ConnectionSettings settings;
    private final ConnectionGuard guard;
    private final long shortestNanos;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.HEADERS;
    /** Requests whose headers were read, and final responses written: unequal while one is being answered. */
    private long requests;
    private long answered;
    private boolean armed;
    private long deadline;
    private ScheduledFuture<?> timer;

    ReadDeadlines(ConnectionSettings settings, ConnectionGuard guard) {
        this.settings = settings;
        this.guard = guard;
        this.shortestNanos = settings.shortestTimeout().toNanos();
    }

    ChannelDuplexHandler boundaries() {
        return new Boundaries();
    }

    /**
     * Takes the deadlines off a connection that stopped speaking HTTP (a WebSocket upgrade): its
     * bytes are frames, not requests, and its liveness is the WebSocket's ping.
     */
    static void removeFrom(io.netty.channel.ChannelPipeline p) {
        if (p.get(ReadDeadlines.class) != null) p.remove(ReadDeadlines.class);
        if (p.get(Boundaries.class) != null) p.remove(Boundaries.class);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) start();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) timer.cancel(false);
        timer = null;
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.BETWEEN && msg instanceof ByteBuf b && b.isReadable()) {
            phase = Phase.HEADERS;
            arm(settings.headerTimeout().toNanos());
        }
        ctx.fireChannelRead(msg);
    }

    private void start() {
        if (timer != null) return;
        arm(settings.headerTimeout().toNanos());
        timer = ctx.executor().schedule(this::check, Math.min(shortestNanos, settings.headerTimeout().toNanos()), TimeUnit.NANOSECONDS);
    }

    private void arm(long nanos) {
        armed = true;
        deadline = System.nanoTime() + nanos;
    }

    /** Between requests: idle when every request is answered, otherwise no deadline while one is. */
    private void between() {
        phase = Phase.BETWEEN;
        if (answered >= requests) arm(settings.idleTimeout().toNanos());
        else armed = false;
    }

    private void check() {
        timer = null;
        // a refused connection already has its 503 and closes within the linger time: no 408 on top, not counted twice
        if (!ctx.channel().isActive() || ConnectionAdmission.refused(ctx.channel())) return;
        long now = System.nanoTime();
        if (armed && now - deadline >= 0) {
            expire();
            return;
        }
        long delay = armed ? Math.min(shortestNanos, deadline - now) : shortestNanos;
        timer = ctx.executor().schedule(this::check, delay, TimeUnit.NANOSECONDS);
    }

    private void expire() {
        switch (phase) {
            case BETWEEN -> guard.close(ctx.channel(), ConnectionClosure.IDLE_TIMEOUT, Level.DEBUG, "idle for " + settings.idleTimeout().toMillis() + " ms (http.idleTimeoutMs)");
            case HEADERS -> cut(ConnectionClosure.HEADER_TIMEOUT, "request headers not complete within " + settings.headerTimeout().toMillis() + " ms (http.headerTimeoutMs)");
            case BODY -> cut(ConnectionClosure.BODY_TIMEOUT, "request body not complete within " + settings.bodyTimeout().toMillis() + " ms after its headers (http.bodyTimeoutMs)");
        }
    }

    private void cut(ConnectionClosure why, String reason) {
        guard.log(ctx.channel(), why, Level.INFO, reason);
        // a response under way (pipelining) must not be interleaved with ours: then only close
        boolean responding = phase == Phase.BODY ? answered < requests - 1 : answered < requests;
        if (responding) ctx.close();
        else ConnectionGuard.answer(ctx, 408, "Request Timeout", "Request Timeout: " + reason, "").addListener(ChannelFutureListener.CLOSE);
    }

    /** Behind the codec: where requests end their headers and bodies, and where final responses end. */
    private final class Boundaries extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                requests++;
                phase = Phase.BODY;
                arm(settings.bodyTimeout().toNanos());
            }
            if (msg instanceof LastHttpContent) between();
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            boolean last = msg instanceof FullHttpResponse r ? r.status().codeClass() != HttpStatusClass.INFORMATIONAL
                    : msg instanceof LastHttpContent && !(msg instanceof HttpResponse);
            if (!last) {
                super.write(ctx, msg, promise);
                return;
            }
            // answered when the last part is handed to the socket side: a client still downloading it
            // is bounded by SlowReaders (http.slowReaderTimeoutMs, shorter than the idle timeout)
            answered();
            super.write(ctx, msg, promise);
        }
    }

    private void answered() {
        answered++;
        if (phase == Phase.BETWEEN) between();
    }
}
