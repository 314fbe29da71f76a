package dev.switchboard.kernel;

/**
 * How a mailbox is shaped.
 *
 * @param capacity         the bound of the (primary) queue
 * @param policy           what happens when it is full
 * @param overflowCapacity the overflow queue's bound, for {@link OverflowPolicy#PRIORITY}
 * @param blockTimeoutMillis how long {@link OverflowPolicy#BLOCK} waits for room
 */
public record MailboxSettings(int capacity, OverflowPolicy policy, int overflowCapacity, long blockTimeoutMillis) {
    public MailboxSettings {
        if (capacity < 1) throw new IllegalArgumentException("mailbox capacity must be >= 1, was " + capacity);
        if (overflowCapacity < 0) throw new IllegalArgumentException("overflow capacity must be >= 0, was " + overflowCapacity);
        if (blockTimeoutMillis < 0) throw new IllegalArgumentException("block timeout must be >= 0, was " + blockTimeoutMillis);
        if (policy == null) policy = OverflowPolicy.DROP_OLDEST;
    }

    public static MailboxSettings of(int capacity, OverflowPolicy policy) {
        return new MailboxSettings(capacity, policy, 10_000, 1_000);
    }

    public MailboxSettings withPolicy(OverflowPolicy p) {
        return new MailboxSettings(capacity, p, overflowCapacity, blockTimeoutMillis);
    }
}
