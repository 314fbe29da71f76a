package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BatchedWrites} on an embedded channel, whose event loop runs queued tasks only when asked: one tick is one run. */
class BatchedWritesTest {
    /** Counts the flushes that reach the socket side. */
    static final class Flushes extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }

    @Test
    void write_manyMessagesInOneTick_goOutInOrderWithOneFlush() {
        Flushes flushes = new Flushes();
        EmbeddedChannel ch = new EmbeddedChannel(flushes);
        BatchedWrites out = BatchedWrites.of(ch);
        for (int i = 0; i < 1_000; i++) out.write(Unpooled.copiedBuffer("n" + i, StandardCharsets.UTF_8));
        assertThat(ch.outboundMessages()).isEmpty();
        ch.runPendingTasks();
        assertThat(flushes.count).isEqualTo(1);
        List<String> written = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; b.release()) written.add(b.toString(StandardCharsets.UTF_8));
        assertThat(written).hasSize(1_000).startsWith("n0", "n1").endsWith("n999");
    }

    @Test
    void write_afterADrain_schedulesTheNextFlush() {
        Flushes flushes = new Flushes();
        EmbeddedChannel ch = new EmbeddedChannel(flushes);
        BatchedWrites out = BatchedWrites.of(ch);
        out.write(Unpooled.copiedBuffer("a", StandardCharsets.UTF_8));
        ch.runPendingTasks();
        out.write(Unpooled.copiedBuffer("b", StandardCharsets.UTF_8));
        ch.runPendingTasks();
        assertThat(flushes.count).isEqualTo(2);
        assertThat(ch.outboundMessages()).hasSize(2);
        ch.finishAndReleaseAll();
    }

    @Test
    void write_toAClosedChannel_releasesTheMessage() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.close();
        ByteBuf b = Unpooled.copiedBuffer("late", StandardCharsets.UTF_8);
        BatchedWrites.of(ch).write(b);
        ch.runPendingTasks();
        assertThat(b.refCnt()).isZero();
    }
}
