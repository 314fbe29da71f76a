package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.JsonRpc;

/**
 * Thrown when an answer in {@code inputResponses} (or a session client's answer) is not the kind
 * of result the request it answers calls for. Ends the request with a JSON-RPC error rather than a
 * tool error, so a client cannot mistake a malformed round trip for a finished one.
 */
final class InputRejected extends RuntimeException {
    final JsonRpc.Error error;

    InputRejected(JsonRpc.Error error) {
        super(error.message(), null, false, false);
        this.error = error;
    }
}
