package dev.switchboard.cluster;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small round-robin HTTP balancer for trying a cluster on one machine ({@code sb cluster}, the
 * cluster tests): each request goes to the next node, whatever the client's connection, so a
 * session's requests hop between nodes. Responses stream through as they come (SSE included). A
 * node that refuses the connection is skipped for that request; when every node refuses, the
 * client gets 502 naming them. Binds 127.0.0.1 only.
 */
public final class RoundRobinBalancer implements AutoCloseable {
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final List<InetSocketAddress> nodes = new CopyOnWriteArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;

    private RoundRobinBalancer(List<InetSocketAddress> backends, int port) throws InterruptedException {
        nodes.addAll(backends);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new Front());
                    }
                }).bind("127.0.0.1", port).sync().channel();
    }

    /** Starts on {@code port} (0 picks a free one) in front of {@code backends}. */
    public static RoundRobinBalancer start(List<InetSocketAddress> backends, int port) throws InterruptedException {
        return new RoundRobinBalancer(backends, port);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Takes a node out of the rotation (it was stopped). */
    public void remove(InetSocketAddress node) {
        nodes.remove(node);
    }

    private final class Front extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ctx.channel().config().setAutoRead(false); // one request at a time per client connection
            forward(ctx.channel(), request.retainedDuplicate(), HttpUtil.isKeepAlive(request), nodes.size());
        }
    }

    private void forward(Channel front, FullHttpRequest request, boolean keepAlive, int triesLeft) {
        List<InetSocketAddress> now = nodes;
        if (triesLeft <= 0 || now.isEmpty()) {
            request.release();
            var body = io.netty.buffer.Unpooled.copiedBuffer("no cluster node answered: " + now + "\n", StandardCharsets.UTF_8);
            var r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_GATEWAY, body);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            front.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        InetSocketAddress node = now.get((int) Math.floorMod(next.getAndIncrement(), (long) now.size()));
        new Bootstrap().group(front.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new Back(front, keepAlive));
                    }
                }).connect(node).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        forward(front, request, keepAlive, triesLeft - 1);
                        return;
                    }
                    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    f.channel().writeAndFlush(request);
                });
    }

    // Relays one backend answer to the client as it arrives, then lets the client send its next request.
    private static final class Back extends SimpleChannelInboundHandler<HttpObject> {
        private final Channel front;
        private final boolean keepAlive;
        private boolean done;

        Back(Channel front, boolean keepAlive) {
            this.front = front;
            this.keepAlive = keepAlive;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse r) {
                r.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
            }
            io.netty.util.ReferenceCountUtil.retain(msg);
            front.writeAndFlush(msg);
            if (msg instanceof LastHttpContent) {
                done = true;
                ctx.close();
                if (keepAlive) front.config().setAutoRead(true); else front.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done) front.close(); // the node went away mid-answer: the client sees its connection end
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
