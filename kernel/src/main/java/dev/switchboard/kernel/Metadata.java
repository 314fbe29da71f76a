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
    /** The last millisecond's default metadata (a plain field: a stale read only costs an allocation). */
    private static Metadata defaultOfThisMillisecond = new Metadata(null, 0, NO_DEADLINE, Caller.ANONYMOUS, null, 0, 0);

    public Metadata {
        if (caller == null) caller = Caller.ANONYMOUS;
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }

    /**
     * Default metadata of this millisecond, shared: a hot publisher (thousands of events a
     * millisecond) stamps them all with one immutable instance instead of allocating one per event.
     * The stamp is the wall clock's millisecond, as before; only the allocation is coarse.
     */
    public static Metadata now() {
        long t = System.currentTimeMillis();
        Metadata d = defaultOfThisMillisecond;
        if (d.createdAtMillis == t) return d;
        // a racing publisher may build its own: both are equal, and one of them stays cached
        d = new Metadata(null, 0, NO_DEADLINE, Caller.ANONYMOUS, null, t, 0);
        defaultOfThisMillisecond = d;
        return d;
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
