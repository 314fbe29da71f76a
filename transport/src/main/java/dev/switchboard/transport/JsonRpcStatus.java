package dev.switchboard.transport;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.StatelessEra;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The HTTP side of a JSON-RPC error that is a whole HTTP answer: its status (the stateless era
 * maps codes to statuses; the session era answers 200 with the error in the body) and, for errors
 * a client should retry, {@code Retry-After}.
 */
final class JsonRpcStatus {
    /**
     * Whole seconds, as {@code Retry-After} counts: the engine's overload hint is
     * {@code data.retryAfterMs} = 100, and a session slot frees when any client ends or idles out.
     */
    static final int RETRY_AFTER_SECONDS = 1;

    private JsonRpcStatus() {}

    /** The stateless era's status for {@code code}: an unknown or removed method 404, a refused envelope or params 400, overload 503. */
    static HttpResponseStatus stateless(int code) {
        return switch (code) {
            case JsonRpc.METHOD_NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case JsonRpc.PARSE_ERROR, JsonRpc.INVALID_REQUEST, JsonRpc.INVALID_PARAMS,
                 StatelessEra.HEADER_MISMATCH, StatelessEra.MISSING_CAPABILITY, StatelessEra.UNSUPPORTED_VERSION -> HttpResponseStatus.BAD_REQUEST;
            case JsonRpc.SERVER_OVERLOADED -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** Whether a client should come back later: the server is at capacity (-32000). */
    static boolean retryLater(int code) {
        return code == JsonRpc.SERVER_OVERLOADED;
    }

    /** {@code response} telling the client when to try again. */
    static FullHttpResponse retryAfter(FullHttpResponse response) {
        response.headers().setInt(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return response;
    }
}
