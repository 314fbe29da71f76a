package dev.switchboard.transport;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection after its upgrade: one session, one JSON-RPC message per text frame
 * (continuations are joined by the aggregator in front, up to {@code ws.maxMessageBytes}).
 *
 * <p>A binary frame is answered with a -32600 and the session carries on; a frame or message over
 * its cap closes the connection with 1009 (the rest of it would still be on the wire). A
 * connection silent for {@code ws.pingIntervalMs} is pinged; silent for another interval, it is
 * closed with 1001. Outgoing frames are batched one flush per event-loop tick ({@link BatchedWrites})
 * and bounded by the connection's {@link SlowReaders}: a client that does not read is closed, and
 * the server holds at most {@code http.maxBufferedBytes} for it.
 */
final class WebSocketSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final System.Logger LOG = System.getLogger(WebSocketSession.class.getName());

    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final WebSocketSettings settings;
    private ConnectionSession session;
    /** The principal the upgrade request authenticated as, or {@code null}. */
    private final dev.switchboard.mcp.Principal principal;

    WebSocketSession(SessionHost host, JsonRpcCodec codec, WebSocketSettings settings, dev.switchboard.mcp.Principal principal) {
        this.principal = principal;
        this.host = host;
        this.codec = codec;
        this.settings = settings;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
            ReadDeadlines.removeFrom(ctx.pipeline());
            long ping = settings.pingInterval().toMillis();
            // in front of everything: a pong counts as life, and the protocol handler drops pongs before they reach us
            ctx.pipeline().addFirst("ws-idle", new IdleStateHandler(ping, 0, 0, TimeUnit.MILLISECONDS));
            BatchedWrites out = BatchedWrites.of(ctx.channel());
            session = ConnectionSession.open(host, codec, "websocket", ctx.channel(),
                    message -> out.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(message))),
                    HeaderMaps.of(done.requestHeaders()), principal,
                    reason -> close(ctx, WebSocketCloseStatus.TRY_AGAIN_LATER, "Cannot open a session: " + reason));
        } else if (evt instanceof IdleStateEvent idle) {
            if (idle.isFirst()) ctx.writeAndFlush(new PingWebSocketFrame());
            else close(ctx, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "no frame and no pong for " + 2 * settings.pingInterval().toMillis() + " ms (ws.pingIntervalMs)");
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null) return;
        switch (frame) {
            case TextWebSocketFrame text -> {
                ByteBuf content = text.content();
                if (content.hasArray()) session.receive(content.array(), content.arrayOffset() + content.readerIndex(), content.readableBytes());
                else {
                    byte[] bytes = new byte[content.readableBytes()];
                    content.getBytes(content.readerIndex(), bytes);
                    session.receive(bytes, 0, bytes.length);
                }
            }
            case BinaryWebSocketFrame binary -> session.refuse("Binary frames are not accepted (" + binary.content().readableBytes()
                    + " bytes ignored): send each JSON-RPC message as one text frame");
            default -> { } // ping, pong and close are the protocol handler's
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        switch (cause) {
            case TooLongFrameException tooLong -> close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "Message exceeds " + settings.maxMessageBytes() + " bytes (ws.maxMessageBytes)");
            // the decoder already sent its close frame (1002, 1007 or 1009) and closes the connection
            case CorruptedWebSocketFrameException corrupt -> LOG.log(System.Logger.Level.DEBUG, () -> "closing " + ctx.channel() + ": " + corrupt.getMessage());
            case java.io.IOException io -> ctx.close();
            default -> {
                LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel() + " after an unexpected error", cause);
                close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
        }
    }

    private static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        // a close reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5)
        String shortened = reason.length() > 120 ? reason.substring(0, 120) : reason;
        ctx.writeAndFlush(new CloseWebSocketFrame(status, shortened)).addListener(ChannelFutureListener.CLOSE);
    }
}
