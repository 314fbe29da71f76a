package dev.switchboard.transport;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MCP over plain TCP: newline-delimited JSON, one session per connection, on Netty.
 *
 * <pre>{@code
 * try (var tcp = TcpServer.start(server, TcpSettings.defaults().withPort(7070))) {
 *     tcp.awaitClose();
 * }
 * }</pre>
 *
 * <p>With {@link TlsFiles} (config {@code tcp.tls}, the files of {@code http.tls.*}) the lines travel
 * over TLS 1.2 or 1.3, from the same certificate as HTTPS, reloaded when it changes.
 *
 * <p>The same limits as the other listeners: lines up to {@code tcp.maxLineBytes}, a cap on
 * connections, and a bound on the output a client that does not read can make the server hold
 * ({@link SlowReaders}). TCP has no Host or Origin to check: bind it to an address only trusted
 * clients reach.
 */
public final class TcpServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final HttpTraffic traffic;
    private final TcpSession.Messages messages;

    private TcpServer(EventLoopGroup group, Channel serverChannel, HttpTraffic traffic, TcpSession.Messages messages) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.traffic = traffic;
        this.messages = messages;
    }

    /** Binds and serves {@code server}; returns once the port is bound. */
    public static TcpServer start(McpServer server, TcpSettings settings) throws InterruptedException {
        return start(server.sessionHost(), server.codec(), settings, null);
    }

    /** As {@link #start(McpServer, TcpSettings)}, over TLS 1.2+ from {@code tls} ({@code null}: plain TCP). */
    public static TcpServer start(McpServer server, TcpSettings settings, TlsFiles tls) throws InterruptedException {
        return start(server.sessionHost(), server.codec(), settings, tls);
    }

    /** Binds and serves {@code host}'s sessions; returns once the port is bound. */
    public static TcpServer start(SessionHost host, JsonRpcCodec codec, TcpSettings settings) throws InterruptedException {
        return start(host, codec, settings, null);
    }

    /** Binds and serves {@code host}'s sessions, over TLS from {@code tls} when it is not {@code null}; returns once the port is bound. */
    public static TcpServer start(SessionHost host, JsonRpcCodec codec, TcpSettings settings, TlsFiles tls) throws InterruptedException {
        if (!settings.enabled()) throw new IllegalArgumentException("tcp.port is not set (it is -1)");
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        HttpTraffic traffic = new HttpTraffic();
        ByteCounter bytes = new ByteCounter(traffic);
        TcpSession.Messages messages = new TcpSession.Messages();
        ConnectionGuard guard = ConnectionGuard.create(settings.connections(), traffic);
        AtomicInteger open = new AtomicInteger();
        byte[] full = (new String(codec.encodeError(null, JsonRpc.Error.overloaded("Too many TCP connections: " + settings.maxConnections()
                + " are open (tcp.maxConnections)")), java.nio.charset.StandardCharsets.UTF_8) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            Channel ch = new ServerBootstrap().group(group).channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, ConnectionGuard.WATER_MARK)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            // bytes on the socket first (as TLS records when TLS is on); TLS next, so even the refusal below travels encrypted
                            c.pipeline().addLast(bytes);
                            if (tls != null) c.pipeline().addLast(tls.newHandler(c.alloc()));
                            if (open.incrementAndGet() > settings.maxConnections()) {
                                open.decrementAndGet();
                                guard.log(c, ConnectionClosure.REFUSED_TOTAL_CAP, System.Logger.Level.INFO, "tcp.maxConnections = " + settings.maxConnections() + " reached");
                                c.writeAndFlush(Unpooled.wrappedBuffer(full)).addListener(ChannelFutureListener.CLOSE);
                                return;
                            }
                            c.closeFuture().addListener(f -> open.decrementAndGet());
                            c.pipeline().addLast(new SlowReaders(settings.connections(), guard, "tcp"), new TcpLines(settings.maxLineBytes()),
                                    new TcpSession(host, codec, settings, messages));
                        }
                    })
                    .bind(settings.host(), settings.port()).sync().channel();
            return new TcpServer(group, ch, traffic, messages);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    /** The bound port (the ephemeral one when the settings asked for port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Bytes in and out on its sockets, connections open, and connections this listener refused or closed, by reason. */
    public HttpTraffic traffic() {
        return traffic;
    }

    /** JSON-RPC messages (lines) read from clients since the start. */
    public long messagesIn() {
        return messages.in.sum();
    }

    /** JSON-RPC messages (lines) written to clients since the start. */
    public long messagesOut() {
        return messages.out.sum();
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    /** Stops listening and closes every connection; their sessions end. Closing twice does nothing more. */
    @Override
    public void close() {
        if (group.isShuttingDown()) return;
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
