package dev.switchboard.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run records: latencies in microseconds into an HdrHistogram {@link Recorder} (many
 * writers, no locks), successes and errors by kind, and a timeline. The timeline is cut by
 * {@link #sample} at a fixed interval: each cut takes the interval's histogram and folds it into
 * the total, so the totals and the timeline come from the same numbers.
 */
final class Measurements {
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final List<LoadResult.Interval> timeline = new ArrayList<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private long start = System.nanoTime();
    private long lastCut = start;
    private long lastFailed;

    /** Starts the clock (setup before this is not measured). */
    synchronized void start() {
        recorder.reset();
        start = System.nanoTime();
        lastCut = start;
    }

    void success(long latencyNanos) {
        ok.increment();
        recorder.recordValue(Math.max(1, latencyNanos / 1_000));
    }

    void failure(String kind) {
        failed.increment();
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Records one finished operation: {@code error} null for success. */
    void outcome(long latencyNanos, String error) {
        if (error == null) success(latencyNanos);
        else failure(error);
    }

    /** Cuts the timeline: the interval since the previous cut becomes one point. */
    synchronized void sample() {
        sample(0);
    }

    /** As {@link #sample()}, but an interval shorter than {@code minSeconds} is counted without a point of its own (a sliver is noise). */
    private void sample(double minSeconds) {
        long now = System.nanoTime();
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        double seconds = (now - lastCut) / 1e9;
        long failedNow = failed.sum();
        if (seconds > minSeconds)
            timeline.add(new LoadResult.Interval((now - start) / 1e9, interval.getTotalCount() / seconds,
                    interval.getTotalCount() == 0 ? 0 : interval.getMean() / 1000.0,
                    interval.getValueAtPercentile(99) / 1000.0, failedNow - lastFailed));
        lastFailed = failedNow;
        lastCut = now;
    }

    long ok() {
        return ok.sum();
    }

    long failed() {
        return failed.sum();
    }

    double elapsedSeconds() {
        return (lastCut - start) / 1e9;
    }

    /** Cuts the last interval and builds the result. */
    synchronized LoadResult result(String scenario, String target, String operation, int connections, Map<String, Object> extra) {
        sample(timeline.isEmpty() ? 0 : Run.SAMPLE_MILLIS / 1000.0 / 4);
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((k, v) -> byKind.put(k, v.sum()));
        long okCount = ok.sum();
        long requests = okCount + failed.sum();
        double seconds = elapsedSeconds();
        return new LoadResult(scenario, target, operation, connections, requests, okCount, byKind, seconds,
                seconds > 0 ? okCount / seconds : 0, LoadResult.Latency.of(total), List.copyOf(timeline), LoadResult.curve(total), extra);
    }
}
