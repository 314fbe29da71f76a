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
    private final boolean notSent;

    McpClientException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, false);
    }

    McpClientException(Reason reason, String message, Throwable cause, boolean notSent) {
        super(message, cause);
        this.reason = reason;
        this.status = 0;
        this.body = null;
        this.notSent = notSent;
    }

    McpClientException(Reason reason, String message) {
        this(reason, message, null);
    }

    McpClientException(int status, String body, String message) {
        super(message);
        this.reason = Reason.HTTP_STATUS;
        this.status = status;
        this.body = body;
        this.notSent = false;
    }

    private McpClientException(McpClientException original, boolean notSent) {
        super(original.getMessage(), original);
        this.reason = original.reason;
        this.status = original.status;
        this.body = original.body;
        this.notSent = notSent;
    }

    /**
     * A copy to throw on the caller's thread: failures are often detected on a reader thread, and
     * a trace that shows the reader but not the call is no help.
     */
    McpClientException rethrown() {
        return new McpClientException(this, notSent);
    }

    /** The same failure, met before this request was written: the client was already closed. */
    McpClientException unsent() {
        return new McpClientException(this, true);
    }

    /**
     * Whether the request never reached the server: the client was closed before it was written,
     * the write to a server process failed, or the connection could not be opened. The server
     * cannot have acted on it, so sending it elsewhere is safe even for a request with effects.
     * False when it may have been read (a connection that closed while the answer was awaited).
     */
    public boolean notSent() {
        return notSent;
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
