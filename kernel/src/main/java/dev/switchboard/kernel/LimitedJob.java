package dev.switchboard.kernel;

import java.util.Map;

/*
 * A job admitted under its subsystem's adaptive limit: it carries the limit and its admission time
 * so the kernel's end can give the slot back with a latency sample. A subclass rather than fields
 * on Job, so the kernel without autotune allocates exactly what it did before.
 */
final class LimitedJob extends Job {
    final AdaptiveLimit limit;
    final long admittedAt;
    /** Set once the handler parked: its latency includes a wait outside the server, so it is no sample. */
    private volatile boolean parked;

    LimitedJob(Message message, Route route, Map<String, String> params, AdaptiveLimit limit, long admittedAt) {
        super(message, route, params);
        this.limit = limit;
        this.admittedAt = admittedAt;
    }

    void leave() {
        parked = true;
        limit.leave();
    }

    void rejoin() {
        limit.rejoin();
    }

    /** Called once, when the kernel ends this job. */
    void releaseSlot(Outcome outcome) {
        limit.release(admittedAt, parked ? AdaptiveLimit.Result.IGNORED : resultOf(outcome));
    }

    /** What a limit learns from how an admitted call or delivery ended. */
    static AdaptiveLimit.Result resultOf(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Delivered d -> AdaptiveLimit.Result.SUCCESS;
            case Outcome.Refused r -> AdaptiveLimit.Result.IGNORED;
            case Outcome.Undelivered u -> switch (u.reason()) {
                case HANDLER_FAILED -> AdaptiveLimit.Result.ERROR;
                case DROPPED_OLDEST, DROPPED_NEWEST, DROPPED_LOW_PRIORITY, REJECTED, BLOCK_TIMEOUT, EXPIRED -> AdaptiveLimit.Result.DROPPED;
                default -> AdaptiveLimit.Result.IGNORED;
            };
        };
    }
}
