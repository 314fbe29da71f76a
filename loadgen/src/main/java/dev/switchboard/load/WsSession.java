package dev.switchboard.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.util.concurrent.CompletableFuture;

/**
 * One MCP session over a Netty WebSocket, as the scale runs need it: it initializes (and may
 * subscribe to a resource), then counts {@code notifications/resources/updated} without parsing
 * them; answers to later requests are ignored. Frames are matched by text, which is enough for
 * the server under test's own compact JSON.
 */
final class WsSession extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"sb-load-scale\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String MARKER = "notifications/resources/updated";

    final CompletableFuture<WsSession> ready = new CompletableFuture<>();
    private final String subscribeUri;
    private final Runnable onNotification;
    private volatile Channel channel;

    WsSession(String subscribeUri, Runnable onNotification) {
        this.subscribeUri = subscribeUri;
        this.onNotification = onNotification;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            channel = ctx.channel();
            ctx.writeAndFlush(new TextWebSocketFrame(INIT));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        String text = frame.text();
        if (text.contains(MARKER)) {
            if (onNotification != null) onNotification.run();
        } else if (!ready.isDone() && text.contains("\"id\":1,")) {
            ctx.write(new TextWebSocketFrame(INITIALIZED));
            if (subscribeUri == null) {
                ctx.flush();
                ready.complete(this);
            } else {
                ctx.writeAndFlush(new TextWebSocketFrame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":"
                        + Requests.quote(subscribeUri) + "}}"));
            }
        } else if (!ready.isDone() && text.contains("\"id\":2,")) {
            if (text.contains("\"error\"")) ready.completeExceptionally(new IllegalStateException("resources/subscribe: " + text));
            else ready.complete(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IllegalStateException("connection closed"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }

    /** Sends one text message (a JSON-RPC request), without waiting for its answer. */
    void send(String json) {
        Channel c = channel;
        if (c != null) c.writeAndFlush(new TextWebSocketFrame(json), c.voidPromise());
    }

    boolean isOpen() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    void close() {
        Channel c = channel;
        if (c != null) c.close();
    }
}
