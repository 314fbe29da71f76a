package dev.switchboard.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The generator's network side: a few event loops (one per core by default) carrying many
 * non-blocking keep-alive connections. Nothing here blocks, so one process drives thousands of
 * connections without a thread each, and the generator stays cheaper than the server it measures.
 *
 * <p>It uses io_uring when the kernel allows it (system property {@code sb.load.io}: auto,
 * io_uring, epoll, nio): profiled against the floor, most of the generator's CPU is the kernel's
 * loopback work in {@code send}, and io_uring's batched submission cut it enough to move the
 * generator from about 75% of wrk's rate to about par on the same machine.
 */
final class LoadClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Duration timeout;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();

    LoadClient(int eventLoops, Duration timeout) {
        String io = System.getProperty("sb.load.io", "auto");
        boolean uring = (io.equals("auto") || io.equals("io_uring")) && IoUring.isAvailable();
        boolean epoll = !uring && !io.equals("nio") && Epoll.isAvailable();
        // a large completion queue: closing ten thousand idle-session connections at once overflows the default
        IoHandlerFactory handlers = uring ? IoUringIoHandler.newFactory(new IoUringIoHandlerConfig().setCqSize(32_768)) : epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(eventLoops, handlers);
        this.timeout = timeout;
        this.bootstrap = new Bootstrap().group(group)
                .channel(uring ? IoUringSocketChannel.class : epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // requests leave as raw bytes (Requests), so only answers need a codec
                        ch.pipeline().addLast(new HttpResponseDecoder());
                        HttpConnection c = new HttpConnection(ch, LoadClient.this.timeout);
                        connections.add(c);
                        ch.closeFuture().addListener(f -> connections.remove(c));
                        ch.pipeline().addLast(c);
                    }
                });
        group.next().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (HttpConnection c : connections) c.checkTimeout(now);
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Connects to {@code remote}, from {@code local} when not null (another loopback address, port 0). */
    CompletableFuture<HttpConnection> connect(InetSocketAddress remote, InetSocketAddress local) {
        CompletableFuture<HttpConnection> connected = new CompletableFuture<>();
        ChannelFuture f = local == null ? bootstrap.connect(remote) : bootstrap.connect(remote, local);
        f.addListener(done -> {
            if (done.isSuccess()) {
                Channel ch = f.channel();
                connected.complete(ch.pipeline().get(HttpConnection.class));
            } else {
                connected.completeExceptionally(done.cause());
            }
        });
        return connected;
    }

    @Override
    public void close() {
        // a quiet period lets the connections the workers just closed finish closing before the loops stop;
        // with none, io_uring tears them down during its own destroy and Netty logs rejected tasks
        group.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
