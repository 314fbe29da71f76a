package dev.switchboard.kernel;

/**
 * A message that was accepted and not delivered, with the reason.
 *
 * @param message  the message as it was when it was given up
 * @param reason   why it was not delivered
 * @param detail   a sentence naming the specifics (the path, the subsystem, the limit)
 * @param cause    the last handler exception, if any
 * @param atMillis epoch millis when it was dead-lettered
 */
public record DeadLetter(Message message, Reason reason, String detail, Throwable cause, long atMillis) {

    /** Why a message was not delivered. */
    public enum Reason {
        /** Evicted by a drop-oldest mailbox. */
        DROPPED_OLDEST,
        /** Dropped on arrival by a drop-newest mailbox. */
        DROPPED_NEWEST,
        /** Dropped as the lowest priority by a priority-overflow mailbox. */
        DROPPED_LOW_PRIORITY,
        /** Refused by a full reject mailbox. */
        REJECTED,
        /** A block mailbox stayed full for its whole timeout. */
        BLOCK_TIMEOUT,
        /** Its deadline passed before a handler took it. */
        EXPIRED,
        /** No subsystem or route matches its path. */
        NO_ROUTE,
        /** The caller lacks the permission the route requires. */
        DENIED,
        /** The handler threw on every attempt. */
        HANDLER_FAILED,
        /** The handler was interrupted (cancelled). */
        CANCELLED,
        /** Published to a topic nobody subscribes to. */
        NO_SUBSCRIBER,
        /** Still queued when the kernel closed. */
        SHUTDOWN;

        static Reason droppedBy(OverflowPolicy policy) {
            return switch (policy) {
                case DROP_OLDEST -> DROPPED_OLDEST;
                case DROP_NEWEST -> DROPPED_NEWEST;
                case PRIORITY -> DROPPED_LOW_PRIORITY;
                case REJECT -> REJECTED;
                case BLOCK -> BLOCK_TIMEOUT;
            };
        }
    }
}
