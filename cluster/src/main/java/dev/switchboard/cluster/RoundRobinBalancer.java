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
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small round-robin HTTP balancer for trying a cluster on one machine ({@code sb cluster}, the
 * cluster tests): each request goes to the next node, whatever the client's connection, so a
 * session's requests hop between nodes. Responses stream through as they come (SSE included). A
 * node that refuses the connection is skipped for that request; when every node refuses, the
 * client gets 502 naming them. Connections to the nodes are kept alive and reused by any client
 * (an idle pool per node), as a real balancer does. Binds 127.0.0.1 only.
 *
 * <p>Each event loop keeps its own pools, and a request is forwarded on a connection of the
 * client's own event loop: the request, the node's answer and the relay to the client then stay
 * on one thread, with no hand-over between threads (each one a wake-up) per request. The answer
 * is flushed to the client once per read from the node and at its end, not once per part.
 */
public final class RoundRobinBalancer implements AutoCloseable {
    private static final int MAX_BODY = 4 * 1024 * 1024;
    /** The names of the balancer's threads start with this (so a benchmark can count their CPU apart). */
    public static final String THREAD_PREFIX = "sb-balancer-";

    private final List<InetSocketAddress> nodes = new CopyOnWriteArrayList<>();
    private final AtomicLong next = new AtomicLong();
    // Each event loop's idle connections per node, touched only on that loop's thread.
    private final FastThreadLocal<Map<InetSocketAddress, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<InetSocketAddress, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };
    private final Set<InetSocketAddress> removed = ConcurrentHashMap.newKeySet();
    private final LongAdder opened = new LongAdder();
    private static final boolean EPOLL = Epoll.isAvailable();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
            new io.netty.util.concurrent.DefaultThreadFactory("sb-balancer"), EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    private final Channel server;

    private RoundRobinBalancer(List<InetSocketAddress> backends, int port) throws InterruptedException {
        nodes.addAll(backends);
        server = new ServerBootstrap().group(group).channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
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

    /** Connections opened to the nodes so far (kept-alive ones are reused, so this stays far below the requests). */
    public long connectionsOpened() {
        return opened.sum();
    }

    /** Takes a node out of the rotation (it was stopped). */
    public void remove(InetSocketAddress node) {
        removed.add(node);
        nodes.remove(node);
        for (EventExecutor loop : group) {
            loop.execute(() -> {
                ArrayDeque<Channel> pool = idle.get().remove(node);
                if (pool != null) pool.forEach(Channel::close);
            });
        }
    }

    private final class Front extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ctx.channel().config().setAutoRead(false); // one request at a time per client connection
            forward(ctx.channel(), request.retain(), HttpUtil.isKeepAlive(request), nodes.size());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the client reset its connection: nothing to answer
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
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        Channel pooled = takeIdle(node);
        if (pooled != null) {
            pooled.pipeline().get(Back.class).serve(front, keepAlive);
            request.retain(); // kept for a fresh connection if the pooled one turns out closed
            pooled.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    request.release();
                } else {
                    pooled.close();
                    connect(node, front, request, keepAlive, triesLeft);
                }
            });
            return;
        }
        connect(node, front, request, keepAlive, triesLeft);
    }

    // On the client's event loop: a connection of this loop to the node, if one is idle.
    private Channel takeIdle(InetSocketAddress node) {
        ArrayDeque<Channel> pool = idle.get().get(node);
        if (pool == null) return null;
        for (Channel c; (c = pool.pollFirst()) != null; ) if (c.isActive()) return c;
        return null;
    }

    private void giveBack(InetSocketAddress node, Channel c) {
        if (!c.isActive() || (!removed.isEmpty() && removed.contains(node))) {
            c.close();
            return;
        }
        idle.get().computeIfAbsent(node, n -> new ArrayDeque<>()).addFirst(c);
    }

    private void connect(InetSocketAddress node, Channel front, FullHttpRequest request, boolean keepAlive, int triesLeft) {
        Back back = new Back(node);
        back.serve(front, keepAlive);
        new Bootstrap().group(front.eventLoop()).channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), back);
                    }
                }).connect(node).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        forward(front, request, keepAlive, triesLeft - 1);
                        return;
                    }
                    opened.increment();
                    Channel c = f.channel();
                    // once per connection: a pooled connection the node closes leaves its pool
                    c.closeFuture().addListener(cf -> {
                        ArrayDeque<Channel> pool = idle.get().get(node); // on c's loop, which owns its pool
                        if (pool != null) pool.remove(c);
                    });
                    c.writeAndFlush(request);
                });
    }

    // Relays one backend answer to the client as it arrives, then lets the client send its next
    // request; the connection to the node goes back to the pool when the node keeps it open. It
    // runs on the client connection's event loop, so it writes to the client directly.
    private final class Back extends SimpleChannelInboundHandler<HttpObject> {
        private final InetSocketAddress node;
        private Channel front;
        private boolean keepAlive;
        private boolean done;
        private boolean reusable;

        Back(InetSocketAddress node) {
            this.node = node;
        }

        void serve(Channel front, boolean keepAlive) {
            this.front = front;
            this.keepAlive = keepAlive;
            this.done = false;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            Channel client = front;
            if (client == null) return; // nothing asked: a stray byte from the node
            if (msg instanceof HttpResponse r) {
                reusable = HttpUtil.isKeepAlive(r);
                r.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
            }
            io.netty.util.ReferenceCountUtil.retain(msg);
            if (!(msg instanceof LastHttpContent)) {
                client.write(msg); // flushed at the end of this read from the node (channelReadComplete)
                return;
            }
            client.writeAndFlush(msg);
            done = true;
            front = null;
            if (reusable) giveBack(node, ctx.channel()); else ctx.close();
            if (keepAlive) client.config().setAutoRead(true); else client.close();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel client = front;
            if (client != null) client.flush(); // a streamed answer (SSE) reaches the client as each part arrives
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Channel client = front;
            if (!done && client != null) client.close(); // the node went away mid-answer: the client sees its connection end
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
