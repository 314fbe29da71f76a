package dev.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what one connection's client can make the server hold by not reading: a write that finds
 * more than {@code http.maxBufferedBytes} already waiting (above the low watermark) closes the
 * connection instead of queueing more, and a connection that stays unwritable (above the high
 * watermark) for {@code http.slowReaderTimeoutMs} is closed too. Unsent output is the memory a
 * never-reading client takes; without this it grows for as long as events keep coming (an SSE
 * client that stops reading while a handler streams progress). An SSE client that was cut can
 * resume with {@code Last-Event-ID}. Each connection is logged once, with the reason.
 *
 * <p>One per connection; it sits in front of the codec, so what it sees are encoded bytes, and
 * what Netty counts as pending includes writes still queued from handler threads.
 */
final class SlowReaders extends ChannelDuplexHandler {
    private final ConnectionSettings settings;
    private final ConnectionGuard guard;
    /** The prefix of the settings' keys in reasons: {@code http} or {@code tcp}. */
    private final String keys;
    private ScheduledFuture<?> unwritableSince;
    private boolean closing;

    SlowReaders(ConnectionSettings settings, ConnectionGuard guard) {
        this(settings, guard, "http");
    }

    SlowReaders(ConnectionSettings settings, ConnectionGuard guard, String keys) {
        this.settings = settings;
        this.guard = guard;
        this.keys = keys;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        Channel ch = ctx.channel();
        // a closed connection reports the largest possible backlog: that is no slow reader, and Netty fails the write itself
        boolean overflow = ch.isActive() && !ch.isWritable() && ch.bytesBeforeWritable() > settings.maxBufferedBytes();
        if (closing || overflow) {
            // closed before the write fails, so whoever watches the write sees a closed channel, not an error to report
            if (!closing) cut(ch, "client reads too slowly: more than " + settings.maxBufferedBytes() + " bytes unsent (" + keys + ".maxBufferedBytes)");
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        Channel ch = ctx.channel();
        if (!ch.isWritable() && unwritableSince == null) {
            unwritableSince = ctx.executor().schedule(() -> {
                unwritableSince = null;
                if (!ch.isWritable() && ch.isActive())
                    cut(ch, "client reads too slowly: output above " + ConnectionGuard.WATER_MARK.high() + " bytes unsent for "
                            + settings.slowReaderTimeout().toMillis() + " ms (" + keys + ".slowReaderTimeoutMs)");
            }, settings.slowReaderTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else if (ch.isWritable() && unwritableSince != null) {
            unwritableSince.cancel(false);
            unwritableSince = null;
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (unwritableSince != null) unwritableSince.cancel(false);
        super.channelInactive(ctx);
    }

    private void cut(Channel ch, String reason) {
        closing = true;
        guard.close(ch, ConnectionClosure.SLOW_READER, Level.INFO, reason);
    }
}
