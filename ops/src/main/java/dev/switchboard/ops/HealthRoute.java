package dev.switchboard.ops;

import dev.switchboard.transport.HttpResponses;

import dev.switchboard.transport.HttpRoute;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * {@code /health}: liveness. Answered on the event loop from a body rebuilt at most every 100 ms,
 * so a probe storm costs a response object and a header block per request and nothing else: no
 * thread hop, no JSON writer, no kernel call. Whether the server can take work is {@code /ready}'s
 * question, not this one's.
 */
final class HealthRoute implements HttpRoute {
    static final long CACHE_NANOS = 100_000_000;
    private final long started = System.nanoTime();
    private volatile Body cached = new Body(0, build(0));

    private record Body(long at, byte[] bytes) {}

    @Override
    public void serve(Channel ch, FullHttpRequest req) {
        if (!ReadOnly.admits(ch, req)) return;
        long now = System.nanoTime();
        Body b = cached;
        if (now - b.at() > CACHE_NANOS) {
            // racing event loops may each rebuild once; all bodies are equally right
            b = new Body(now, build((now - started) / 1_000_000));
            cached = b;
        }
        ch.writeAndFlush(HttpResponses.page(ch.alloc(), HttpResponseStatus.OK, HttpResponses.JSON, b.bytes()));
    }

    private static byte[] build(long uptimeMs) {
        return ("{\"status\":\"up\",\"uptimeMs\":" + uptimeMs + "}").getBytes(StandardCharsets.US_ASCII);
    }
}
