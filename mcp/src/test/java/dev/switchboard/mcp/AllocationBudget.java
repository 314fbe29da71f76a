package dev.switchboard.mcp;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes the current thread allocates while a fuzz input is processed, so a fuzz test can fail
 * an input that makes the code under test allocate far beyond what its size and caps allow (a
 * length field trusted, a buffer grown per byte). Uses HotSpot's per-thread allocation counter.
 */
final class AllocationBudget {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationBudget() {}

    /** Bytes allocated by this thread so far. */
    static long now() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Throws when more than {@code budget} bytes were allocated since {@code start}. */
    static void check(long start, long budget, String what) {
        long used = now() - start;
        if (used > budget) throw new AssertionError(what + " allocated " + used + " bytes, over its budget of " + budget);
    }
}
