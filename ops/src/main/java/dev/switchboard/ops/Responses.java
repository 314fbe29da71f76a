package dev.switchboard.ops;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.StringNode;

/**
 * Answers of the operational endpoints. Errors have the shape the MCP endpoint uses for its
 * refusals, {@code {"jsonrpc":"2.0","id":null,"error":{"code":…,"message":…}}}, so a client reads
 * every error of the listener the same way.
 */
final class Responses {
    static final String JSON = "application/json";

    private Responses() {}

    static FullHttpResponse body(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    static FullHttpResponse error(HttpResponseStatus status, int code, String message) {
        String quoted = StringNode.valueOf(message).toString();
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":" + quoted + "}}").getBytes(StandardCharsets.UTF_8);
        return body(status, JSON, body);
    }

    /** {@code true} for GET and HEAD; otherwise answers 405 naming the path and returns {@code false}. */
    static boolean readOnly(Channel ch, FullHttpRequest req) {
        HttpMethod m = req.method();
        if (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD)) return true;
        FullHttpResponse r = error(HttpResponseStatus.METHOD_NOT_ALLOWED, -32600, "Method " + m + " is not allowed on " + path(req.uri()) + "; use GET");
        r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        ch.writeAndFlush(r);
        return false;
    }

    static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
