package dev.switchboard.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;

/**
 * Answers HTTP/1.0 clients in HTTP/1.0's terms. They cannot read chunked bodies, so an SSE stream
 * goes out close-delimited (no {@code Transfer-Encoding}; the connection closes when the stream
 * ends), and they keep a connection only when they asked with {@code Connection: keep-alive} and
 * the answer says so too. Everyone who writes a response (handler threads, streams, the
 * aggregator's 413) writes HTTP/1.1 heads; this is the one place that knows the client's version.
 *
 * <p>It sits after {@link io.netty.handler.codec.http.HttpServerKeepAliveHandler} in the pipeline,
 * so the keep-alive handler sees the adapted head: no declared length means close after the body.
 * One per connection; only its event loop touches the queue.
 */
final class Http10Responses extends ChannelDuplexHandler {
    private enum Client { HTTP_1_1, HTTP_1_0, HTTP_1_0_KEEP_ALIVE }

    /** One entry per request not yet answered, in arrival order: a pipelining client is answered in that order. */
    private final ArrayDeque<Client> unanswered = new ArrayDeque<>(2);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest r)
            unanswered.add(!r.protocolVersion().equals(HttpVersion.HTTP_1_0) ? Client.HTTP_1_1
                    : HttpUtil.isKeepAlive(r) ? Client.HTTP_1_0_KEEP_ALIVE : Client.HTTP_1_0);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // 100 Continue precedes the answer to the same request
        if (msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            Client client = unanswered.poll();
            if (client != null && client != Client.HTTP_1_1) adapt(r, client);
        }
        ctx.write(msg, promise);
    }

    private static void adapt(HttpResponse r, Client client) {
        if (HttpUtil.isTransferEncodingChunked(r)) {
            r.headers().remove(HttpHeaderNames.TRANSFER_ENCODING).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (client == Client.HTTP_1_0_KEEP_ALIVE && HttpUtil.isContentLengthSet(r) && !r.headers().contains(HttpHeaderNames.CONNECTION)) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }
}
