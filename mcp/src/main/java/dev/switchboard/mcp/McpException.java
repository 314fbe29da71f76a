package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.JsonRpc;
import tools.jackson.databind.JsonNode;

/**
 * An exception that carries the JSON-RPC error a peer should receive. Handlers and helpers such as
 * {@link Cursor} throw it; the engine turns it into an error response unchanged.
 *
 * <p>The stack trace is not filled: these are expected outcomes of bad input, thrown on request
 * paths, and a trace would cost more than the work it describes.
 */
public final class McpException extends RuntimeException {

    private final transient JsonRpc.Error error;
    private final boolean callError;

    /** An exception answering with {@code error}. */
    public McpException(JsonRpc.Error error) {
        this(error, false);
    }

    private McpException(JsonRpc.Error error, boolean callError) {
        super(error.message(), null, false, false);
        this.error = error;
        this.callError = callError;
    }

    /**
     * For a tool handler: answers the {@code tools/call} with {@code error} itself, where any other
     * throw (an ordinary {@code McpException} included) becomes a result with {@code isError: true}.
     * A gateway passing on another server's JSON-RPC error, or its own reason a call failed, uses it.
     */
    public static McpException callError(JsonRpc.Error error) {
        return new McpException(error, true);
    }

    /** Whether a tool handler threw this to answer its call with the error (see {@link #callError}). */
    public boolean isCallError() {
        return callError;
    }

    /** An exception answering with {@code code} and {@code message}. */
    public McpException(int code, String message) {
        this(JsonRpc.Error.of(code, message));
    }

    /** An exception answering with {@code code}, {@code message} and {@code data}. */
    public McpException(int code, String message, JsonNode data) {
        this(new JsonRpc.Error(code, message, data));
    }

    /** A -32602 exception: the caller sent parameters the method cannot accept. */
    public static McpException invalidParams(String message) {
        return new McpException(JsonRpc.INVALID_PARAMS, message);
    }

    /** The error to send. */
    public JsonRpc.Error error() {
        return error;
    }

    /** The JSON-RPC error code. */
    public int code() {
        return error.code();
    }
}
