package dev.switchboard.tasks;

/**
 * The engine will not do what was asked. {@link #reason()} says why, so the protocol layer can
 * choose the JSON-RPC error: every reason is -32602 except {@link Reason#AT_CAPACITY} and
 * {@link Reason#UNAVAILABLE}, which are -32000 with {@code data.retryAfterMs}.
 */
public final class TaskRejected extends RuntimeException {
    /** Why. */
    public enum Reason {
        /** The id does not have the shape of an id this server mints. */
        MALFORMED_ID,
        /** No such task for this caller (never stored, removed, or another owner's: we do not say which). */
        NOT_FOUND,
        /** The task's TTL passed. */
        EXPIRED,
        /** The task is final and the request needs a live one (a 2025-era cancel). */
        ALREADY_FINAL,
        /** A running-task cap is reached; nothing was created. */
        AT_CAPACITY,
        /** A list cursor this server did not issue. */
        BAD_CURSOR,
        /** The tool cannot run as a task here. */
        UNKNOWN_TOOL,
        /** A shared store (the cluster's) cannot be reached now; nothing was changed, try again later. */
        UNAVAILABLE
    }

    private final Reason reason;
    private final long retryAfterMs;

    public TaskRejected(Reason reason, String message, long retryAfterMs) {
        super(message);
        this.reason = reason;
        this.retryAfterMs = retryAfterMs;
    }

    public TaskRejected(Reason reason, String message) {
        this(reason, message, 0);
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#AT_CAPACITY} and {@link Reason#UNAVAILABLE}: how long the client should wait before trying again. */
    public long retryAfterMs() {
        return retryAfterMs;
    }
}
