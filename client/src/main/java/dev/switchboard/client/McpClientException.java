package dev.switchboard.client;

import dev.switchboard.mcp.McpException;

/**
 * An {@link McpClient} call that failed on this side of the wire: the server never answered (the
 * connection closed, the request timed out), answered with an HTTP error status, or broke the
 * protocol. A JSON-RPC error the server sent is not this but an {@link McpException}, so callers
 * can tell "the server said no" from "the exchange failed".
 */
public final class McpClientException extends RuntimeException {

    /** Why the call failed. */
    public enum Reason {
        /** No response within the client's request timeout; {@code notifications/cancelled} was sent. */
        TIMEOUT,
        /** The connection or process ended, or the client was closed, before the response arrived. */
        CLOSED,
        /** The HTTP server answered with a status other than 2xx; see {@link #status()} and {@link #body()}. */
        HTTP_STATUS,
        /** The server sent something the protocol does not allow, such as an unsupported version or a body that is not JSON-RPC. */
        PROTOCOL,
        /**
         * The server sent a message larger than the client's limit ({@link McpClient.Builder#maxMessageBytes}); it was refused
         * without being read whole. Retrying the same request is likely to get the same answer.
         */
        TOO_LARGE
    }

    private final Reason reason;
    private final int status;
    private final String body;

    McpClientException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = 0;
        this.body = null;
    }

    McpClientException(Reason reason, String message) {
        this(reason, message, null);
    }

    McpClientException(int status, String body, String message) {
        super(message);
        this.reason = Reason.HTTP_STATUS;
        this.status = status;
        this.body = body;
    }

    private McpClientException(McpClientException original) {
        super(original.getMessage(), original);
        this.reason = original.reason;
        this.status = original.status;
        this.body = original.body;
    }

    /**
     * A copy to throw on the caller's thread: failures are often detected on a reader thread, and
     * a trace that shows the reader but not the call is no help.
     */
    McpClientException rethrown() {
        return new McpClientException(this);
    }

    /** Why the call failed. */
    public Reason reason() {
        return reason;
    }

    /** The HTTP status for {@link Reason#HTTP_STATUS}, else 0. */
    public int status() {
        return status;
    }

    /** The HTTP response body for {@link Reason#HTTP_STATUS} (possibly empty), else null. */
    public String body() {
        return body;
    }
}
