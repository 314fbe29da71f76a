package dev.switchboard.mcp.codec;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.RequestId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The members of one JSON-RPC object as {@link MessageDecoder} streams past them, then the verdict:
 * request, notification, response or failure.
 *
 * <p>Problems are recorded, not thrown, while reading: the decoder keeps going so that a message
 * with a bad {@code jsonrpc} still yields its {@code id}, and the error can be addressed to it.
 * When several things are wrong, the first check below wins, which keeps the message stable.
 */
final class Envelope {

    String jsonrpc;
    String jsonrpcKind;
    boolean jsonrpcSeen;

    RequestId id;
    boolean idSeen;
    boolean idNull;
    String idProblem;

    String method;
    String methodKind;
    boolean methodSeen;

    boolean paramsSeen;
    Params params;
    JsonNode paramsTree;
    int paramsProblemCode;
    String paramsProblem;

    JsonNode result;
    /** The result as its JSON text, when the decoder keeps results raw (then {@code result} is null). */
    RawResult rawResult;
    JsonNode error;

    String duplicate;

    /** Records a second occurrence of an envelope member. */
    void seen(String member, boolean already) {
        if (already && duplicate == null) {
            duplicate = member;
        }
    }

    boolean hasResult() {
        return result != null || rawResult != null;
    }

    void paramsProblem(int code, String problem) {
        if (paramsProblem == null) {
            paramsProblemCode = code;
            paramsProblem = problem;
        }
    }

    Decoded toDecoded(MethodTable methods) {
        boolean response = !methodSeen && (hasResult() || error != null);
        boolean notification = methodSeen && !idSeen;
        boolean replyExpected = !response && !notification;
        if (duplicate != null) {
            return invalid("duplicate member '" + duplicate + "'", replyExpected);
        }
        if (!JsonRpc.VERSION.equals(jsonrpc)) {
            String got = !jsonrpcSeen ? "it is missing"
                    : jsonrpc != null ? "got \"" + jsonrpc + "\""
                    : "got " + jsonrpcKind;
            return invalid("jsonrpc must be \"2.0\", " + got, replyExpected);
        }
        if (idProblem != null) {
            return invalid(idProblem, replyExpected);
        }
        if (methodSeen) {
            return requestOrNotification(methods, replyExpected);
        }
        if (response) {
            return response();
        }
        return invalid("missing method", replyExpected);
    }

    private Decoded requestOrNotification(MethodTable methods, boolean replyExpected) {
        if (method == null) {
            return invalid("method must be a string, got " + methodKind, replyExpected);
        }
        if (hasResult() || error != null) {
            return invalid("a request or notification cannot carry result or error", replyExpected);
        }
        if (idNull) {
            return invalid("id must be a string or an integer, got null (omit id for a notification)", true);
        }
        if (paramsProblem != null) {
            return failure(paramsProblemCode, paramsProblem, replyExpected);
        }
        Params bound = params;
        if (bound == null) {
            ObjectReader reader = methods.reader(method);
            if (reader == null) {
                bound = paramsTree != null ? new Params.Raw(paramsTree) : Params.Raw.empty();
            } else if (paramsTree != null && !paramsTree.isObject()) {
                return failure(JsonRpc.INVALID_PARAMS,
                        "params must be an object: MCP does not use positional params", replyExpected);
            } else {
                try {
                    bound = reader.readValue(paramsTree != null ? paramsTree : JsonNodeFactory.instance.objectNode());
                } catch (JacksonException e) {
                    return failure(JsonRpc.INVALID_PARAMS, BindingProblems.describe(e, "params"), replyExpected);
                }
            }
        }
        ObjectNode meta = bound.meta();
        if (meta != null && meta.has("progressToken") && bound.progressToken() == null) {
            return failure(JsonRpc.INVALID_PARAMS,
                    "params._meta.progressToken must be a string or an integer", replyExpected);
        }
        return idSeen ? new Decoded.Request(id, method, bound) : new Decoded.Notification(method, bound);
    }

    private Decoded response() {
        if (hasResult() && error != null) {
            return invalid("a response cannot carry both result and error", false);
        }
        if (hasResult()) {
            return id == null ? invalid("a result response needs a string or integer id", false)
                    : new Decoded.Response(id, result, null, rawResult);
        }
        if (!(error instanceof ObjectNode object)) {
            return invalid("error must be an object", false);
        }
        JsonNode code = object.get("code");
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            return invalid("error.code must be an integer", false);
        }
        JsonNode message = object.get("message");
        if (message == null || !message.isString()) {
            return invalid("error.message must be a string", false);
        }
        JsonNode data = object.get("data");
        return new Decoded.Response(id, null, new JsonRpc.Error(code.intValue(), message.stringValue(), data));
    }

    private Decoded.Failure invalid(String problem, boolean replyExpected) {
        return new Decoded.Failure(JsonRpc.INVALID_REQUEST, "Invalid request: " + problem, id, method, replyExpected);
    }

    private Decoded.Failure failure(int code, String problem, boolean replyExpected) {
        String message = code == JsonRpc.INVALID_PARAMS ? "Invalid params for " + method + ": " + problem
                : "Invalid request: " + problem;
        return new Decoded.Failure(code, message, id, method, replyExpected);
    }
}
