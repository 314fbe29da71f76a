package dev.switchboard.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Many MCP WebSocket connections on a few Netty event loops, for the scale runs (fanout at ten
 * thousand subscribers, tens of thousands of held connections): a connection costs the generator
 * a channel and a small handler, no thread, so the generator stays far cheaper than the server.
 */
final class WsClients implements AutoCloseable {
    private final EventLoopGroup group;
    private final URI uri;
    private final Duration timeout;

    WsClients(URI uri, int eventLoops, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        this.group = new MultiThreadIoEventLoopGroup(eventLoops, Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * Opens one session: upgrade, initialize, initialized and, when {@code subscribeUri} is not
     * null, {@code resources/subscribe}; the future completes with the connection once that is
     * answered. {@code local} (a loopback source address, port 0) may be null.
     */
    CompletableFuture<WsSession> open(InetSocketAddress local, String subscribeUri, Runnable onNotification) {
        WsSession session = new WsSession(subscribeUri, onNotification);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri).subprotocol("mcp")
                .handshakeTimeoutMillis(timeout.toMillis()).maxFramePayloadLength(1 << 20).build();
        Bootstrap b = new Bootstrap().group(group).channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024), new WebSocketClientProtocolHandler(config), session);
                    }
                });
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
        ChannelFuture f = local == null ? b.connect(remote) : b.connect(remote, local);
        f.addListener(done -> {
            if (!done.isSuccess()) session.ready.completeExceptionally(done.cause());
        });
        // a session not ready in time is closed, so it neither counts nor keeps loading the server
        group.next().schedule(() -> {
            if (session.ready.completeExceptionally(new java.util.concurrent.TimeoutException("session not ready within " + timeout.toMillis() + " ms")))
                f.channel().close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return session.ready;
    }

    @Override
    public void close() {
        group.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
