package dev.switchboard.transport;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection: one session, one JSON-RPC message per line each way. Lines come whole from
 * {@link TcpLines}; blank lines are skipped and a trailing {@code \r} is dropped, as over stdio.
 * When the client ends its input (a half-close, or a last line without a newline and then EOF),
 * the requests still running may answer for up to {@code tcp.drainTimeoutMs}; then the connection
 * closes. Output is batched one flush per event-loop tick ({@link BatchedWrites}).
 */
final class TcpSession extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(TcpSession.class.getName());
    private static final long DRAIN_POLL_MILLIS = 10;

    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final TcpSettings settings;
    private final Messages messages;
    private ConnectionSession session;

    /** The listener's message counts, for its metrics. */
    static final class Messages {
        final java.util.concurrent.atomic.LongAdder in = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder out = new java.util.concurrent.atomic.LongAdder();
    }

    TcpSession(SessionHost host, JsonRpcCodec codec, TcpSettings settings, Messages messages) {
        this.host = host;
        this.codec = codec;
        this.settings = settings;
        this.messages = messages;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        BatchedWrites out = BatchedWrites.of(ctx.channel());
        session = ConnectionSession.open(host, codec, "tcp", ctx.channel(), message -> {
            messages.out.increment();
            out.write(line(message));
        }, Map.of(), reason -> ctx.writeAndFlush(
                line(codec.encodeError(null, dev.switchboard.mcp.protocol.JsonRpc.Error.overloaded("Cannot open a session: " + reason))))
                .addListener(ChannelFutureListener.CLOSE));
        super.channelActive(ctx);
    }

    private static ByteBuf line(byte[] message) {
        return Unpooled.wrappedBuffer(message, new byte[] {'\n'});
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf line = (ByteBuf) msg;
        try {
            if (session == null) return;
            int len = line.readableBytes();
            if (len > 0 && line.getByte(line.readerIndex() + len - 1) == '\r') len--;
            if (blank(line, len)) return;
            messages.in.increment();
            byte[] bytes = new byte[len];
            line.getBytes(line.readerIndex(), bytes);
            session.receive(bytes, 0, len);
        } finally {
            ReferenceCountUtil.release(line);
        }
    }

    private static boolean blank(ByteBuf b, int len) {
        for (int i = 0; i < len; i++) {
            byte c = b.getByte(b.readerIndex() + i);
            if (c != ' ' && c != '\t') return false;
        }
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownReadComplete) drain(ctx, System.nanoTime() + settings.drainTimeout().toNanos());
        else super.userEventTriggered(ctx, evt);
    }

    /** The client sent all it will: answer what is still running (bounded), then close. */
    private void drain(ChannelHandlerContext ctx, long deadline) {
        if (session == null || session.unanswered() == 0 || System.nanoTime() - deadline >= 0) {
            // through the batcher's queue, so the answers already queued go out before the close
            ctx.channel().eventLoop().execute(() -> ctx.channel().eventLoop().execute(ctx::close));
            return;
        }
        ctx.executor().schedule(() -> drain(ctx, deadline), DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof TooLongFrameException && session != null) {
            session.refuse("Line exceeds " + settings.maxLineBytes() + " bytes (tcp.maxLineBytes); it was skipped");
            return;
        }
        if (!(root instanceof java.io.IOException)) LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel() + " after an unexpected error", cause);
        ctx.close();
    }

}
