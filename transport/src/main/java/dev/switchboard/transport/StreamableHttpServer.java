package dev.switchboard.transport;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.SessionHost;
import dev.switchboard.mcp.McpServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * MCP over Streamable HTTP on Netty: {@code start}, {@code port}, {@code close}.
 *
 * <pre>{@code
 * try (var http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(8080))) {
 *     http.awaitClose();
 * }
 * }</pre>
 *
 * <p>Netty stays at the edge: event loops parse HTTP and never block; the engine runs handlers on
 * virtual threads and writes answers back through the channel. Native epoll when the platform has
 * it, NIO otherwise. Every connection passes a {@link ConnectionGuard}: read and idle deadlines,
 * connection caps, and a bound on what a client that does not read can make the server hold.
 */
public final class StreamableHttpServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final int port;
    private final HttpTraffic traffic;

    private StreamableHttpServer(EventLoopGroup group, Channel serverChannel, HttpTraffic traffic) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.traffic = traffic;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Binds and starts serving {@code server}; returns once the port is bound. */
    public static StreamableHttpServer start(McpServer server, HttpSettings settings) throws InterruptedException {
        return start(server.sessionHost(), server.codec(), settings, HttpRoutes.none());
    }

    /** Binds and serves {@code server} at the MCP path and {@code routes} beside it. */
    public static StreamableHttpServer start(McpServer server, HttpSettings settings, HttpRoutes routes) throws InterruptedException {
        return start(server.sessionHost(), server.codec(), settings, routes);
    }

    /** Binds and starts serving {@code host}'s sessions; returns once the port is bound. */
    public static StreamableHttpServer start(SessionHost host, JsonRpcCodec codec, HttpSettings settings) throws InterruptedException {
        return start(host, codec, settings, HttpRoutes.none());
    }

    /** Binds and serves {@code host}'s sessions at the MCP path and {@code routes} beside it. */
    public static StreamableHttpServer start(SessionHost host, JsonRpcCodec codec, HttpSettings settings, HttpRoutes routes) throws InterruptedException {
        return start(host, codec, settings, routes, WebSocketSettings.defaults(), HandshakeCheck.none());
    }

    /**
     * Binds and serves {@code server} over Streamable HTTP at the MCP path and, as {@code ws}
     * says, over WebSocket and the legacy HTTP+SSE transport; {@code check} admits (or refuses)
     * each WebSocket upgrade and legacy SSE request by its headers.
     */
    public static StreamableHttpServer start(McpServer server, HttpSettings settings, HttpRoutes routes, WebSocketSettings ws, HandshakeCheck check)
            throws InterruptedException {
        return start(server.sessionHost(), server.codec(), settings, routes, ws, check);
    }

    /** Binds and serves {@code host}'s sessions over every transport of the HTTP listener that {@code ws} enables. */
    public static StreamableHttpServer start(SessionHost host, JsonRpcCodec codec, HttpSettings settings, HttpRoutes routes, WebSocketSettings ws,
                                             HandshakeCheck check) throws InterruptedException {
        return start(host, codec, settings, routes, ws, check, null, null);
    }

    /**
     * Binds and serves {@code server} at the MCP path, every request there first passing
     * {@code authenticator} ({@code null}: nobody is authenticated), and {@code routes} beside it
     * (the routes are not authenticated: serve the RFC 9728 metadata there).
     */
    public static StreamableHttpServer start(McpServer server, HttpSettings settings, HttpRoutes routes, Authenticator authenticator) throws InterruptedException {
        return start(server.sessionHost(), server.codec(), settings, routes, authenticator);
    }

    /** Binds and serves {@code host}'s sessions at the MCP path behind {@code authenticator} ({@code null}: none), and {@code routes} beside it. */
    public static StreamableHttpServer start(SessionHost host, JsonRpcCodec codec, HttpSettings settings, HttpRoutes routes, Authenticator authenticator)
            throws InterruptedException {
        return start(host, codec, settings, routes, authenticator, null);
    }

    /** As {@link #start(SessionHost, JsonRpcCodec, HttpSettings, HttpRoutes, Authenticator)}, over HTTPS from {@code tls} ({@code null}: plain HTTP). */
    public static StreamableHttpServer start(McpServer server, HttpSettings settings, HttpRoutes routes, Authenticator authenticator, TlsFiles tls)
            throws InterruptedException {
        return start(server.sessionHost(), server.codec(), settings, routes, authenticator, tls);
    }

    /** As {@link #start(SessionHost, JsonRpcCodec, HttpSettings, HttpRoutes, Authenticator)}, over HTTPS from {@code tls} ({@code null}: plain HTTP). */
    public static StreamableHttpServer start(SessionHost host, JsonRpcCodec codec, HttpSettings settings, HttpRoutes routes, Authenticator authenticator,
                                             TlsFiles tls) throws InterruptedException {
        return start(host, codec, settings, routes, WebSocketSettings.defaults(), HandshakeCheck.none(), authenticator, tls);
    }

    /**
     * Every transport of the HTTP listener: Streamable HTTP at the MCP path behind {@code authenticator}
     * ({@code null}: none), WebSocket and legacy HTTP+SSE as {@code ws} enables them, their handshakes
     * passing {@code check} and, when there is one, the authenticator too; HTTPS from {@code tls}
     * ({@code null}: plain HTTP).
     */
    public static StreamableHttpServer start(McpServer server, HttpSettings settings, HttpRoutes routes, WebSocketSettings ws, HandshakeCheck check,
                                             Authenticator authenticator, TlsFiles tls) throws InterruptedException {
        return start(server.sessionHost(), server.codec(), settings, routes, ws, check, authenticator, tls);
    }

    /** As {@link #start(McpServer, HttpSettings, HttpRoutes, WebSocketSettings, HandshakeCheck, Authenticator, TlsFiles)}, for a session host. */
    public static StreamableHttpServer start(SessionHost host, JsonRpcCodec codec, HttpSettings settings, HttpRoutes routes, WebSocketSettings ws,
                                             HandshakeCheck handshake, Authenticator authenticator, TlsFiles tls) throws InterruptedException {
        HandshakeCheck check = authenticator == null ? handshake : AuthenticatedHandshake.of(handshake, authenticator, settings.path());
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(io);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        McpHttpHandler handler = new McpHttpHandler(host, codec, settings, authenticator);
        HttpTraffic traffic = new HttpTraffic();
        ByteCounter bytes = new ByteCounter(traffic);
        RoutesHandler extra = routes.isEmpty() ? null : new RoutesHandler(routes, settings);
        ConnectionGuard guard = ConnectionGuard.create(settings.connections(), traffic);
        WebSocketGate webSocket = ws.enabled() ? new WebSocketGate(host, codec, settings, ws, check) : null;
        LegacySse legacySse = ws.legacySse() ? new LegacySse(host, codec, settings, check) : null;
        try {
            Channel ch = new ServerBootstrap().group(group).channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            // the keep-alive handler closes after answering "Connection: close" and HTTP/1.0 requests;
                            // Http10Responses (after it) unchunks SSE for HTTP/1.0 clients and confirms their keep-alive
                            c.pipeline().addLast(bytes);
                            if (tls != null) c.pipeline().addLast(tls.newHandler(c.alloc()));
                            guard.install(c.pipeline());
                            c.pipeline().addLast(new StreamCounter(traffic, settings.path()), new HttpServerKeepAliveHandler(), new Http10Responses(), new CappedAggregator(settings.maxBodyBytes()));
                            if (webSocket != null) c.pipeline().addLast(webSocket);
                            if (legacySse != null) c.pipeline().addLast(legacySse);
                            if (extra != null) c.pipeline().addLast(extra);
                            c.pipeline().addLast(handler);
                        }
                    })
                    .bind(settings.host(), settings.port()).sync().channel();
            long sweep = settings.keepAlive().toMillis();
            group.next().scheduleWithFixedDelay(handler::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
            return new StreamableHttpServer(group, ch, traffic);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    /** The bound port (the ephemeral one when the settings asked for port 0). */
    public int port() {
        return port;
    }

    /** Bytes, connections and SSE streams this listener has carried. */
    public HttpTraffic traffic() {
        return traffic;
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The aggregator with a JSON 413 naming the limit, instead of Netty's empty one. */
    private static final class CappedAggregator extends HttpObjectAggregator {
        private final int max;

        CappedAggregator(int max) {
            super(max);
            this.max = max;
        }

        /**
         * A connection closed mid-body (the client went away, or the body timeout cut it) is
         * routine: the partial message is released without Netty's
         * {@code PrematureChannelClosureException} reaching the handlers as an error to log.
         */
        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            releaseCurrentMessage();
            super.channelInactive(ctx);
        }

        /**
         * Answers 413 at once. On a keep-alive connection the rest of the body is read and
         * discarded by the aggregator and the connection stays usable: closing while the client
         * is still sending would make it see a reset instead of our answer.
         */
        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            var response = HttpResponses.error(ctx.alloc(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, -32600,
                    "Request body exceeds " + max + " bytes (http.maxBodyBytes)");
            if (oversized instanceof FullHttpMessage || !HttpUtil.isKeepAlive(oversized)) ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            else ctx.writeAndFlush(response);
        }
    }
}
