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

    /** Not accepted at all: the kernel is over its in-flight limit or closed. Retry later. */
    record Refused(String detail) implements Outcome {}
}
