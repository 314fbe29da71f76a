package dev.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a listener's connections, in all and per client address, and refuses one beyond either
 * cap with a 503 that names the setting and carries {@code Retry-After}. A file descriptor is the
 * scarce thing a flood of connections takes; refusing above the cap keeps some for the clients
 * already connected, and a per-address cap keeps one client from taking them all.
 *
 * <p>A refused connection is not closed at once: the client may already have sent its request, and
 * closing a socket with unread input resets it, so the client would see a reset instead of our
 * answer. The answer is written, the output shut, input read and dropped until the client closes,
 * and the socket closed after {@link #LINGER_MILLIS} at the latest.
 */
@ChannelHandler.Sharable
final class ConnectionAdmission extends ChannelInboundHandlerAdapter {
    static final long LINGER_MILLIS = 2_000;
    private static final AttributeKey<InetAddress> ADMITTED = AttributeKey.valueOf("switchboard.admitted");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("switchboard.refused");

    private final ConnectionSettings settings;
    private final ConnectionGuard guard;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionAdmission(ConnectionSettings settings, ConnectionGuard guard) {
        this.settings = settings;
        this.guard = guard;
    }

    int open() {
        return open.get();
    }

    /** Whether {@code ch} was refused at a cap: it lingers only to deliver the 503, with no read deadlines of its own. */
    static boolean refused(Channel ch) {
        return ch.hasAttr(REFUSED);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx.channel().remoteAddress());
        if (open.incrementAndGet() > settings.maxConnections()) {
            open.decrementAndGet();
            refuse(ctx, ConnectionClosure.REFUSED_TOTAL_CAP, "http.maxConnections", settings.maxConnections(), "connections are open");
            return;
        }
        boolean[] over = {false};
        perAddress.compute(address, (a, n) -> {
            int next = n == null ? 1 : n + 1;
            if (next > settings.maxConnectionsPerAddress()) {
                over[0] = true;
                return n;
            }
            return next;
        });
        if (over[0]) {
            open.decrementAndGet();
            refuse(ctx, ConnectionClosure.REFUSED_ADDRESS_CAP, "http.maxConnectionsPerAddress", settings.maxConnectionsPerAddress(), "connections from " + address.getHostAddress() + " are open");
            return;
        }
        ctx.channel().attr(ADMITTED).set(address);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().hasAttr(REFUSED)) ReferenceCountUtil.release(msg);
        else ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ctx.channel().attr(ADMITTED).getAndSet(null);
        if (address != null) {
            open.decrementAndGet();
            perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
        super.channelInactive(ctx);
    }

    private void refuse(ChannelHandlerContext ctx, ConnectionClosure why, String key, int cap, String what) {
        var ch = ctx.channel();
        ch.attr(REFUSED).set(Boolean.TRUE);
        guard.log(ch, why, Level.INFO, "refused: " + cap + " " + what + " (" + key + ")");
        ConnectionGuard.answer(ctx, 503, "Service Unavailable", "Service Unavailable: " + cap + " " + what + " (" + key + "); retry later",
                "Retry-After: 1\r\n").addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && ch instanceof DuplexChannel d) d.shutdownOutput();
            else ch.close();
        });
        ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static InetAddress addressOf(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) return i.getAddress();
        return InetAddress.getLoopbackAddress();
    }
}
