package dev.switchboard.mcp.codec;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.mcp.protocol.RequestId;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link JsonRpcCodec#decode(byte[])} made of one incoming message. Decoding never throws:
 * bad input becomes a {@link Failure} that already holds the JSON-RPC error to answer with.
 *
 * <pre>{@code
 * switch (codec.decode(bytes)) {
 *     case Decoded.Request r -> dispatch(r.id(), r.method(), r.params());
 *     case Decoded.Notification n -> observe(n.method(), n.params());
 *     case Decoded.Response r -> complete(r.id(), r);
 *     case Decoded.Batch b -> refuseOrSplit(b);
 *     case Decoded.Failure f -> { if (f.replyExpected()) send(codec.encodeError(f)); }
 * }
 * }</pre>
 */
public sealed interface Decoded
        permits Decoded.Request, Decoded.Notification, Decoded.Response, Decoded.Batch, Decoded.Failure {

    /**
     * A request: the peer waits for a response carrying {@code id}.
     *
     * @param id     the id to echo
     * @param method the method name
     * @param params the params bound to the method's record, {@link Params.Raw} for unknown methods
     */
    record Request(RequestId id, String method, Params params) implements Decoded {
        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(params, "params");
        }

        /** The raw {@code params._meta}, or null. */
        public ObjectNode meta() {
            return params.meta();
        }

        /** The progress token the requester asked for, or null. */
        public ProgressToken progressToken() {
            return params.progressToken();
        }

        /**
         * The params as {@code type}.
         *
         * @throws McpException -32602 when the params are of another type, which means the method
         *     table and the caller disagree about this method
         */
        public <P extends Params> P params(Class<P> type) {
            if (type.isInstance(params)) {
                return type.cast(params);
            }
            throw McpException.invalidParams("Invalid params for " + method + ": expected "
                    + type.getSimpleName() + ", decoded " + params.getClass().getSimpleName());
        }
    }

    /**
     * A notification: no response may be sent.
     *
     * @param method the method name
     * @param params the params bound to the method's record, {@link Params.Raw} for unknown methods
     */
    record Notification(String method, Params params) implements Decoded {
        public Notification {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(params, "params");
        }

        /** The raw {@code params._meta}, or null. */
        public ObjectNode meta() {
            return params.meta();
        }
    }

    /**
     * A response to a request this side sent (sampling, elicitation, roots, ping).
     *
     * <p>The result stays a JSON tree: its type depends on the request it answers, which only the
     * in-flight table knows; {@link JsonRpcCodec#convert(JsonNode, Class)} binds it. A codec built
     * with {@link JsonRpcCodec.Builder#rawResults()} keeps an object result as its JSON text
     * instead ({@code rawResult}, with {@code result} null), which {@link JsonRpcCodec#convert(RawResult, Class)}
     * binds or a proxy forwards as it is.
     *
     * @param id        the id of the request answered; null only in an error response to a message
     *     whose id the peer could not read
     * @param result    the result, null for an error response or a raw result
     * @param error     the error, null for a successful response
     * @param rawResult the result as JSON text (codecs with {@code rawResults()} only), else null
     */
    record Response(RequestId id, JsonNode result, JsonRpc.Error error, RawResult rawResult) implements Decoded {
        public Response {
            if ((result == null && rawResult == null) == (error == null) || result != null && rawResult != null) {
                throw new IllegalArgumentException("a response holds exactly one of result, rawResult and error");
            }
        }

        /** A response whose result (if any) is a tree. */
        public Response(RequestId id, JsonNode result, JsonRpc.Error error) {
            this(id, result, error, null);
        }

        /** True for an error response. */
        public boolean isError() {
            return error != null;
        }
    }

    /**
     * A JSON array of messages. MCP 2025-03-26 allows batches, 2025-06-18 and later do not, so the
     * codec leaves the choice to whoever knows the negotiated version: refuse the whole batch
     * with -32600 or process the elements one by one.
     *
     * @param messages the elements, each decoded on its own; never empty (an empty array decodes
     *     to a {@link Failure})
     */
    record Batch(List<Decoded> messages) implements Decoded {
        public Batch {
            messages = List.copyOf(messages);
        }
    }

    /**
     * A message that could not be decoded.
     *
     * @param code          the JSON-RPC error code: -32700, -32600 or -32602 (-32603 only if the
     *     decoder itself failed)
     * @param message       what is wrong, naming the member at fault
     * @param id            the request id if it could be read, else null
     * @param method        the method name if it could be read, else null
     * @param replyExpected false when the message was recognisably a notification or a response,
     *     which JSON-RPC forbids answering
     */
    record Failure(int code, String message, RequestId id, String method, boolean replyExpected)
            implements Decoded {

        public Failure {
            Objects.requireNonNull(message, "message");
        }

        /** The error object to send back. */
        public JsonRpc.Error error() {
            return JsonRpc.Error.of(code, message);
        }
    }
}
