package dev.switchboard.agents;

/** The JSON-RPC error codes the gateway answers with when an agent cannot serve a call (implementation-defined range). */
final class AgentErrors {
    private AgentErrors() {}

    /** The error that ends a forwarded call: a JSON-RPC error, not a tool result. */
    static dev.switchboard.mcp.McpException fail(int code, String message) {
        return dev.switchboard.mcp.McpException.callError(dev.switchboard.mcp.protocol.JsonRpc.Error.of(code, message));
    }

    /** The agent has no running member (it could not start and is being retried). */
    static final int UNAVAILABLE = -32010;
    /** Every member busy and the queue full: refused by priority. */
    static final int BUSY = -32011;
    /** No answer (or no free member) within the agent's timeoutMs. */
    static final int TIMEOUT = -32012;
    /** The member died during the call and the call was not safe to retry, or no other member could take it. */
    static final int MEMBER_LOST = -32013;
    /**
     * The agent's answer was refused unread: larger than its maxMessageBytes, or not JSON-RPC (garbage, a wrong
     * Content-Type). Not retried: the same request is likely to get the same answer.
     */
    static final int ANSWER_REFUSED = -32014;
}
