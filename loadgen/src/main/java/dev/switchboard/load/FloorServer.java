package dev.switchboard.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The floor: plain Netty answering every POST with one fixed, valid JSON-RPC tools/call result,
 * without reading it. No MCP server can beat it on the same machine, so it tells how much of the
 * budget the protocol work costs, and (against the generator) that the generator is not the limit.
 * An initialize (recognised by a substring, the only look at the body) gets a session id, a
 * notification (no "id") gets 202, DELETE gets 200, so MCP scenarios run against it unchanged.
 */
public final class FloorServer implements AutoCloseable {
    private static final byte[] RESULT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"3\"}],\"isError\":false}}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INITIALIZED = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"" + Requests.PROTOCOL_VERSION
            + "\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"netty-floor\",\"version\":\"0.1.0\"}}}").getBytes(StandardCharsets.UTF_8);

    private final EventLoopGroup group;
    private final Channel channel;

    private FloorServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Starts on {@code host}:{@code port} (0 picks one). */
    public static FloorServer start(String host, int port) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(io);
        ChannelHandler handler = new Answer();
        Channel ch = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), handler);
                    }
                })
                .bind(host, port).sync().channel();
        return new FloorServer(group, ch);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The MCP endpoint URL (any path is answered alike). */
    public String url() {
        return "http://127.0.0.1:" + port() + "/mcp";
    }

    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        private static final ByteBuf RESULT_BUF = Unpooled.unreleasableBuffer(Unpooled.directBuffer(RESULT.length).writeBytes(RESULT)).asReadOnly();
        private static final ByteBuf INIT_BUF = Unpooled.unreleasableBuffer(Unpooled.directBuffer(INITIALIZED.length).writeBytes(INITIALIZED)).asReadOnly();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse res;
            if (req.method().equals(HttpMethod.POST)) {
                ByteBuf body = req.content();
                if (indexOf(body, "\"initialize\"")) {
                    res = json(INIT_BUF);
                    res.headers().set("Mcp-Session-Id", Long.toHexString(System.nanoTime()));
                } else if (!indexOf(body, "\"id\"")) {
                    res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.ACCEPTED, Unpooled.EMPTY_BUFFER);
                    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                } else {
                    res = json(RESULT_BUF);
                }
            } else {
                res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
                res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (keepAlive) ctx.writeAndFlush(res, ctx.voidPromise());
            else ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }

        private static FullHttpResponse json(ByteBuf body) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body.duplicate());
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return res;
        }

        private static boolean indexOf(ByteBuf body, String needle) {
            int n = needle.length(), from = body.readerIndex(), to = body.writerIndex() - n;
            outer:
            for (int i = from; i <= to; i++) {
                for (int j = 0; j < n; j++) if (body.getByte(i + j) != needle.charAt(j)) continue outer;
                return true;
            }
            return false;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
