package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Raw request bytes, fuzzed, through the HTTP pipeline in an {@link EmbeddedChannel}: Netty's codec,
 * keep-alive handling, the capped aggregator and {@link McpHttpHandler}, in the order
 * {@link StreamableHttpServer} builds them. Whatever arrives, no exception escapes the pipeline,
 * everything written back is an HTTP/1.x response, and handling the input allocates within a
 * budget set by the body cap. The engine behind it is {@link SyncHost}: the embedded event loop is the
 * test's thread, so every answer must come on it.
 */
class HttpPipelineFuzzTest {
    private static final int MAX_BODY = 16 * 1024;
    private static final HttpSettings SETTINGS = HttpSettings.defaults().withMaxBodyBytes(MAX_BODY);
    private static final McpHttpHandler HANDLER = new McpHttpHandler(new SyncHost(), JsonRpcCodec.create(), SETTINGS);
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        // the first pass loads classes and fills Netty's caches: not the input's doing
        handle(RawHttp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}").getBytes(StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "10s")
    void anyRequestBytes_getHttpAnswersAndNoEscapedException(byte[] input) {
        long budget = 4L * 1024 * 1024 + 64L * input.length;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        String written = handle(input);
        if (THREADS.getCurrentThreadAllocatedBytes() - before > budget) {
            // the first pass down a new path loads (and instruments) classes on this thread: measure again
            before = THREADS.getCurrentThreadAllocatedBytes();
            handle(input);
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("bytes allocated for a %d-byte input", input.length).isLessThan(budget);
        }
        if (!written.isEmpty()) assertThat(written).startsWith("HTTP/1.");
        // bad input is the client's fault: never an internal error
        assertThat(written).doesNotContain(" 500 Internal Server Error");
    }

    /** Feeds {@code input} to a fresh channel; everything written back. */
    private static String handle(byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new HttpServerKeepAliveHandler(), new HttpObjectAggregator(MAX_BODY), HANDLER);
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(input));
            ch.runPendingTasks();
            ch.checkException();
            StringBuilder written = new StringBuilder();
            for (Object out; (out = ch.readOutbound()) != null; ) {
                if (out instanceof ByteBuf b) written.append(b.toString(StandardCharsets.ISO_8859_1));
                io.netty.util.ReferenceCountUtil.release(out);
            }
            return written.toString();
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
