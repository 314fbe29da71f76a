package dev.switchboard.ops;

import dev.switchboard.transport.HttpResponses;
import dev.switchboard.transport.HttpRoutes;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The operational endpoints are read, never written: GET and HEAD only. Their answers are written by {@link HttpResponses}. */
final class ReadOnly {
    private ReadOnly() {}

    /** {@code true} for GET and HEAD; otherwise answers 405 naming the path and returns {@code false}. */
    static boolean admits(Channel ch, FullHttpRequest req) {
        HttpMethod m = req.method();
        if (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD)) return true;
        FullHttpResponse r = HttpResponses.error(ch.alloc(), HttpResponseStatus.METHOD_NOT_ALLOWED, -32600,
                "Method " + m + " is not allowed on " + HttpRoutes.pathOf(req.uri()) + "; use GET");
        r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        ch.writeAndFlush(r);
        return false;
    }
}
