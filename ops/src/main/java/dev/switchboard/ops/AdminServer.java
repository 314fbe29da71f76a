package dev.switchboard.ops;

import dev.switchboard.transport.ConnectionGuard;
import dev.switchboard.transport.ConnectionSettings;
import dev.switchboard.transport.HostRules;
import dev.switchboard.transport.HttpResponses;
import dev.switchboard.transport.HttpTraffic;

import dev.switchboard.transport.HttpRoutes;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The separate admin listener ({@code admin.port}): only the operational endpoints, so they can be
 * kept off the network the MCP port faces. One event loop; unknown paths get a JSON 404.
 */
public final class AdminServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;
    private final HttpTraffic traffic;

    private AdminServer(EventLoopGroup group, Channel channel, HttpTraffic traffic) {
        this.group = group;
        this.channel = channel;
        this.traffic = traffic;
    }

    public static AdminServer start(String host, int port, HttpRoutes routes) throws InterruptedException {
        return start(host, port, routes, ConnectionSettings.defaults());
    }

    /**
     * Binds with {@code connections}' deadlines and caps, counted apart from the MCP listener's, so
     * clients flooding the MCP port cannot take the admin port's connections.
     */
    public static AdminServer start(String host, int port, HttpRoutes routes, ConnectionSettings connections) throws InterruptedException {
        ConnectionGuard guard = ConnectionGuard.create(connections);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Served served = new Served(routes);
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            guard.install(c.pipeline());
                            c.pipeline().addLast(new HttpServerKeepAliveHandler(), new HttpObjectAggregator(64 * 1024), served);
                        }
                    })
                    .bind(host, port).sync().channel();
            return new AdminServer(group, ch, guard.traffic());
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    /** The connections this listener's guard refused and cut, by reason: hand it to {@link Operations#bindAdmin} for {@code /metrics}. */
    public HttpTraffic traffic() {
        return traffic;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class Served extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final HttpRoutes routes;

        Served(HttpRoutes routes) {
            this.routes = routes;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.decoderResult().isSuccess()) {
                ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.BAD_REQUEST, -32600, "Malformed HTTP request: " + req.decoderResult().cause()));
                return;
            }
            String host = HostRules.malformed(req);
            if (host != null) {
                ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.BAD_REQUEST, -32600, host));
                return;
            }
            if (!routes.serve(ctx.channel(), req))
                ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.NOT_FOUND, -32601,
                        "No endpoint at " + HttpRoutes.pathOf(req.uri()) + "; the admin listener serves /health, /ready, /metrics, / and /dashboard/events"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
