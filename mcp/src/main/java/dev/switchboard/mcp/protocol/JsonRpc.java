package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 constants and the two value types every exchange needs: the error object and the
 * empty result.
 *
 * <p>The message envelopes themselves are not modelled as records here: incoming messages decode
 * to {@link dev.switchboard.mcp.codec.Decoded}, outgoing ones are written field by field by {@link dev.switchboard.mcp.codec.JsonRpcCodec}, so no
 * envelope object is ever allocated on the hot path.
 */
public final class JsonRpc {

    /** The only value the {@code jsonrpc} member may take. */
    public static final String VERSION = "2.0";

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON is not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    /** The method does not exist or is not available. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid method parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** Internal JSON-RPC error. */
    public static final int INTERNAL_ERROR = -32603;
    /**
     * Implementation-defined server error: Switchboard answers with it when admission control
     * refuses a request (in-flight limit, full mailbox), so clients can back off and retry.
     */
    public static final int SERVER_OVERLOADED = -32000;
    /** MCP 2025-11-25: the server needs the client to complete a URL-mode elicitation first. */
    public static final int URL_ELICITATION_REQUIRED = -32042;

    private JsonRpc() {}

    /**
     * The {@code error} member of an error response.
     *
     * @param code    one of the constants above, or an application code
     * @param message a short, single-sentence description
     * @param data    optional details, omitted from the wire when null
     */
    public record Error(int code, String message, JsonNode data) {

        public Error {
            if (message == null) {
                message = "";
            }
        }

        /** An error without data. */
        public static Error of(int code, String message) {
            return new Error(code, message, null);
        }

        /** -32601 naming the method, the answer to a {@link Params.Raw} request nobody handles. */
        public static Error methodNotFound(String method) {
            return new Error(METHOD_NOT_FOUND, "Method not found: " + method, null);
        }

        /** -32602 with the given message. */
        public static Error invalidParams(String message) {
            return new Error(INVALID_PARAMS, message, null);
        }

        /** -32600 with the given message. */
        public static Error invalidRequest(String message) {
            return new Error(INVALID_REQUEST, message, null);
        }

        /** -32603 with the given message. */
        public static Error internal(String message) {
            return new Error(INTERNAL_ERROR, message, null);
        }

        /** -32000: the server is at capacity; the client may retry later. */
        public static Error overloaded(String message) {
            return new Error(SERVER_OVERLOADED, message, null);
        }

        /** A copy carrying {@code data}. */
        public Error withData(JsonNode data) {
            return new Error(code, message, data);
        }
    }

    /**
     * The result of requests that answer nothing but success ({@code ping},
     * {@code logging/setLevel}, {@code resources/subscribe}...): encodes as {@code {}}.
     *
     * @param meta optional {@code _meta}
     */
    public record EmptyResult(@JsonProperty("_meta") ObjectNode meta) {

        /** The shared instance without {@code _meta}. */
        public static final EmptyResult INSTANCE = new EmptyResult(null);
    }
}
