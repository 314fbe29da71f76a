package dev.switchboard.kernel;

/**
 * How a submitted message ended. The kernel never completes a submission exceptionally: every
 * ending is one of these values.
 */
public sealed interface Outcome {

    /** The handler returned {@code value}. */
    record Delivered(Object value) implements Outcome {}

    /**
     * Accepted, but not delivered: it went to dead letters for {@code reason}.
     *
     * @param cause the handler's last exception for {@link DeadLetter.Reason#HANDLER_FAILED}, else {@code null}
     */
    record Undelivered(DeadLetter.Reason reason, String detail, Throwable cause) implements Outcome {}

    /**
     * Not accepted at all: the kernel is over its in-flight limit (fixed or adaptive) or closed.
     *
     * @param retryAfterMs how long the caller should wait before trying again
     */
    record Refused(String detail, long retryAfterMs) implements Outcome {
        /** What a refusal under the fixed {@code performance.maxInflight} tells the caller to wait. */
        public static final long RETRY_AFTER_MS = 100;

        /** A refusal with the default wait. */
        public Refused(String detail) {
            this(detail, RETRY_AFTER_MS);
        }
    }
}
