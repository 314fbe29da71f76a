package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TickFlushTest {
    private EventLoopGroup group;
    private Channel server;
    private Channel client;
    private final AtomicInteger flushes = new AtomicInteger();
    private final List<Object> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        LocalAddress address = new LocalAddress("tick-flush-" + System.nanoTime());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        received.add(msg);
                    }
                })
                .bind(address).sync().channel();
        client = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
                            @Override
                            public void flush(ChannelHandlerContext ctx) {
                                flushes.incrementAndGet();
                                ctx.flush();
                            }
                        });
                    }
                })
                .connect(address).sync().channel();
    }

    @AfterEach
    void close() {
        client.close().syncUninterruptibly();
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void write_threeTimesInOneIteration_flushesOnceAfterIt() throws Exception {
        int flushesDuringTask = client.eventLoop().submit(() -> {
            TickFlush.write(client, "head");
            TickFlush.write(client, "event");
            TickFlush.write(client, "end");
            return flushes.get();
        }).get(5, TimeUnit.SECONDS);

        assertThat(flushesDuringTask).isZero();
        await().atMost(5, TimeUnit.SECONDS).until(() -> received.size() == 3);
        assertThat(received).containsExactly("head", "event", "end");
        assertThat(flushes).hasValue(1);
    }

    @Test
    void request_offTheEventLoop_flushesAtOnce() {
        client.write("early");
        TickFlush.request(client);

        await().atMost(5, TimeUnit.SECONDS).until(() -> received.size() == 1);
        assertThat(received).containsExactly("early");
    }
}
