package dev.switchboard.kernel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * The latencies of one guard window. Completing calls write into a fixed ring without a lock (the
 * last 1,024 samples of the window are kept; enough for a p99); the window's closer reads and
 * resets it. A sample that races the reset lands in either window: the guard judges statistics,
 * and one sample more or less does not move them.
 */
final class LatencyWindow {
    private static final int SIZE = 1_024;
    private final long[] ring = new long[SIZE];
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    /** One completed call: its latency, whether it failed, and the calls in flight when it ended (itself included). */
    void record(long nanos, boolean failed, int inFlight) {
        int i = count.getAndIncrement();
        ring[i & (SIZE - 1)] = nanos;
        if (failed) errors.incrementAndGet();
        // a plain read first: the CAS is only paid by the rare sample that raises the peak
        for (int p = peakInFlight.get(); inFlight > p; p = peakInFlight.get())
            if (peakInFlight.compareAndSet(p, inFlight)) break;
    }

    /** What the window saw, and a fresh window. */
    Summary drain() {
        int n = count.getAndSet(0);
        int failed = errors.getAndSet(0);
        int peak = peakInFlight.getAndSet(0);
        int kept = Math.min(n, SIZE);
        if (kept == 0) return new Summary(0, 0, 0, 0);
        long[] copy = Arrays.copyOf(ring, kept);
        Arrays.sort(copy);
        double p99 = copy[Math.min(kept - 1, (int) Math.ceil(kept * 0.99) - 1)];
        return new Summary(n, p99, (double) failed / n, peak);
    }

    record Summary(long samples, double p99Nanos, double errorRate, int peakInFlight) {}
}
