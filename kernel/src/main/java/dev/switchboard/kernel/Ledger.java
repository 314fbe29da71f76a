package dev.switchboard.kernel;

/**
 * The kernel's books at one moment. Every accepted message (one per routed submission, one per
 * subscriber an event is delivered to, one per event nobody subscribes to) ends delivered or
 * dead-lettered, so when nothing is in flight {@code accepted == delivered + deadLettered} exactly.
 *
 * @param accepted     messages the kernel took responsibility for
 * @param delivered    handled successfully
 * @param deadLettered handed to dead letters
 * @param refused      turned away at the door (overloaded or closed); never accepted
 */
public record Ledger(long accepted, long delivered, long deadLettered, long refused) {
    /** Accepted and not yet ended. */
    public long pending() {
        return accepted - delivered - deadLettered;
    }

    /** Whether every accepted message has ended: the identity to check at a quiet moment. */
    public boolean balanced() {
        return pending() == 0;
    }
}
