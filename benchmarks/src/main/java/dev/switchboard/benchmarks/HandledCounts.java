package dev.switchboard.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many events each subscriber has handled, and a wait until all of them reach a target.
 *
 * <p>Each subscriber owns one slot and is its only writer, so an increment is a plain read and a
 * release write rather than a lock-prefixed add: the handler stays as trivial as the brief asks and
 * costs every bus the same. Slots sit 128 bytes apart (two cache lines, past the adjacent-line
 * prefetcher) so that four subscriber threads do not false-share: the async buses would pay for that
 * and the synchronous one would not.
 */
final class HandledCounts {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int STRIDE = 16;
    private static final int SPINS = 64;

    private final long[] slots;
    private final int subscribers;

    HandledCounts(int subscribers) {
        this.subscribers = subscribers;
        this.slots = new long[(subscribers + 2) * STRIDE];
    }

    int subscribers() {
        return subscribers;
    }

    /** Called by subscriber {@code index}'s handler thread only. */
    void increment(int index) {
        int slot = (index + 1) * STRIDE;
        // single writer: the plain read sees our own last write; release publishes the new count to the waiter
        SLOT.setRelease(slots, slot, (long) SLOT.get(slots, slot) + 1);
    }

    long handled(int index) {
        return (long) SLOT.getAcquire(slots, (index + 1) * STRIDE);
    }

    /**
     * Waits until every subscriber has handled {@code target} events. Spins briefly, then yields: on
     * two cores the handler threads need the CPU this thread would otherwise burn.
     */
    void awaitAll(long target) {
        for (int i = 0; i < subscribers; i++) {
            int spins = 0;
            while (handled(i) < target) {
                if (++spins < SPINS) Thread.onSpinWait();
                else Thread.yield();
            }
        }
    }
}
