package dev.switchboard.kernel;

/**
 * What travels with a {@link Message} besides its body.
 *
 * @param correlationId  ties related messages together; on the event bus it is also the idempotency
 *                       key ({@code null} when absent)
 * @param priority       higher runs first where a mailbox orders by priority; 0 is normal
 * @param deadlineMillis epoch millis after which the message is dead-lettered as expired;
 *                       {@link #NO_DEADLINE} when it has none
 * @param caller         who sent it, checked against a route's scope requirement
 * @param traceparent    W3C trace context ({@code null} when not traced)
 * @param createdAtMillis epoch millis at creation
 * @param attempts       delivery attempts made so far
 */
public record Metadata(String correlationId, int priority, long deadlineMillis, Caller caller,
                       String traceparent, long createdAtMillis, int attempts) {
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    public Metadata {
        if (caller == null) caller = Caller.ANONYMOUS;
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }

    /** Default metadata stamped with the current time. */
    public static Metadata now() {
        return new Metadata(null, 0, NO_DEADLINE, Caller.ANONYMOUS, null, System.currentTimeMillis(), 0);
    }

    public Metadata withCorrelationId(String id) {
        return new Metadata(id, priority, deadlineMillis, caller, traceparent, createdAtMillis, attempts);
    }

    public Metadata withPriority(int p) {
        return new Metadata(correlationId, p, deadlineMillis, caller, traceparent, createdAtMillis, attempts);
    }

    /** Expires {@code millis} from now. */
    public Metadata withTimeout(long millis) {
        return withDeadline(System.currentTimeMillis() + millis);
    }

    public Metadata withDeadline(long epochMillis) {
        return new Metadata(correlationId, priority, epochMillis, caller, traceparent, createdAtMillis, attempts);
    }

    public Metadata withCaller(Caller c) {
        return new Metadata(correlationId, priority, deadlineMillis, c, traceparent, createdAtMillis, attempts);
    }

    public Metadata withTraceparent(String t) {
        return new Metadata(correlationId, priority, deadlineMillis, caller, t, createdAtMillis, attempts);
    }

    Metadata withAttempts(int a) {
        return new Metadata(correlationId, priority, deadlineMillis, caller, traceparent, createdAtMillis, a);
    }

    boolean expiredAt(long nowMillis) {
        return deadlineMillis != NO_DEADLINE && nowMillis > deadlineMillis;
    }
}
