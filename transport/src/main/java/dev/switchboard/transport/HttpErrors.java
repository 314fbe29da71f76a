package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.StringNode;

/**
 * HTTP responses that carry a JSON-RPC error body, so every refusal at the transport names its
 * problem the same way a protocol error does: {@code {"jsonrpc":"2.0","id":null,"error":{…}}}.
 */
final class HttpErrors {
    private HttpErrors() {}

    static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, int code, String message) {
        String quoted = StringNode.valueOf(message).toString();
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":" + quoted + "}}").getBytes(StandardCharsets.UTF_8);
        return json(alloc, status, body);
    }

    static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, byte[] body) {
        ByteBuf content = alloc.buffer(body.length).writeBytes(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return r;
    }
}
