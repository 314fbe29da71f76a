package dev.switchboard.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One rate step of the fanout scale run: when each of its updates was sent, and what the
 * subscribers heard. Every subscriber hears the updates in order, so a subscriber's k-th
 * notification in this step answers update k; a {@link Heard} counter starts again at 0 for each
 * step (the run lets the previous step's stragglers arrive before starting the next).
 */
final class FanoutStep {
    /** One subscriber's count of notifications within the step it last heard from. */
    static final class Heard {
        private FanoutStep step;
        private int count;
        /** Set once the subscriber counts: one whose setup timed out on our side may still hear the server, and must not add to the figures. */
        volatile boolean live;
    }

    final double hz;
    final int subscribers;
    private final long[] sentAt;
    private final AtomicInteger sent = new AtomicInteger();
    final LongAdder delivered = new LongAdder();
    final LongAdder unexpected = new LongAdder();
    private final Recorder latencyMicros = new Recorder(3);

    FanoutStep(double hz, int updates, int subscribers) {
        this.hz = hz;
        this.subscribers = subscribers;
        this.sentAt = new long[updates];
    }

    int updates() {
        return sentAt.length;
    }

    long expected() {
        return (long) sentAt.length * subscribers;
    }

    /** Marks update k as sent now; call in order, k = 0, 1, … */
    void sent(int k) {
        sentAt[k] = System.nanoTime();
        sent.set(k + 1);
    }

    /** A subscriber heard one notification (called on its event loop). */
    void heard(Heard h) {
        long now = System.nanoTime();
        if (h.step != this) {
            h.step = this;
            h.count = 0;
        }
        int k = h.count++;
        if (k < sent.get()) {
            latencyMicros.recordValue(Math.max(1, (now - sentAt[k]) / 1_000));
            delivered.increment();
        } else {
            unexpected.increment();
        }
    }

    Histogram latency() {
        return latencyMicros.getIntervalHistogram();
    }
}
