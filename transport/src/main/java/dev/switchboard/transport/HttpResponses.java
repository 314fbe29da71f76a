package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.StringNode;

/**
 * Every whole HTTP response the listeners write: MCP's answers and refusals, and the operational
 * endpoints' pages ({@code /health}, {@code /metrics}, the dashboard). One writer, so a client
 * reads every error of every endpoint the same way, as a JSON-RPC error body:
 * {@code {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…}}}.
 */
public final class HttpResponses {
    /** The JSON content type. */
    public static final String JSON = "application/json";

    private HttpResponses() {}

    /** A JSON-RPC error body for a request whose id is not known (or was never read). */
    public static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, int code, String message) {
        String quoted = StringNode.valueOf(message).toString();
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":" + quoted + "}}").getBytes(StandardCharsets.UTF_8);
        return json(alloc, status, body);
    }

    /** An already encoded JSON body: a JSON-RPC response, or an error that echoes its request's id. */
    public static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, byte[] body) {
        ByteBuf content = alloc.buffer(body.length).writeBytes(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    /** A page of any type that must not be cached: operational answers are read live. */
    public static FullHttpResponse page(ByteBufAllocator alloc, HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, alloc.buffer(body.length).writeBytes(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return r;
    }

    /** No body: 202 for notifications, 200 for DELETE. */
    public static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return r;
    }

    /** Writes {@code response}; with {@code close}, the connection closes once it is written. */
    static void send(Channel ch, FullHttpResponse response, boolean close) {
        if (close) ch.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        else ch.writeAndFlush(response);
    }
}
