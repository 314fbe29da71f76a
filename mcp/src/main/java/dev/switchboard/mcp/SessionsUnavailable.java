package dev.switchboard.mcp;

/**
 * The session directory of a cluster cannot be reached, so a session this node has not met can be
 * neither found nor ruled out. Transports answer the request with a retryable error (JSON-RPC
 * -32000 with {@code retryAfterMs}; HTTP 503 with {@code Retry-After}) rather than "Session not
 * found": the session still exists, and the client's retry succeeds once the directory is back.
 */
public final class SessionsUnavailable extends RuntimeException {
    private final long retryAfterMs;

    public SessionsUnavailable(String message, long retryAfterMs, Throwable cause) {
        super(message, cause);
        this.retryAfterMs = retryAfterMs;
    }

    /** How long the client should wait before retrying. */
    public long retryAfterMs() {
        return retryAfterMs;
    }
}
