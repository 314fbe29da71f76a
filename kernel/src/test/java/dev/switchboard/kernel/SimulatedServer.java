package dev.switchboard.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/*
 * A seeded, clock-free model of a server behind an AdaptiveLimit: Poisson arrivals at a fixed rate,
 * each admitted call's service time a function of the calls in flight when it starts (times a
 * seeded ±10% noise), time advanced in fixed steps. Deterministic: the same seed gives the same run,
 * so tests can assert on what the limit did without timing anything.
 */
final class SimulatedServer {
    private static final long STEP_NANOS = 100_000; // 0.1 ms

    record Run(List<LimitChange> changes, List<Integer> limitsSeen, long admitted, long refused, double p99Millis, AdaptiveLimit limit) {}

    private long now;

    /**
     * @param ratePerSecond arrivals per second
     * @param serviceMillis service time in ms of a call that starts with {@code n} calls in flight (itself included)
     */
    Run run(AutotuneSettings settings, long seed, double ratePerSecond, IntToDoubleFunction serviceMillis, double seconds, double measureFromSecond) {
        List<LimitChange> changes = new ArrayList<>();
        AdaptiveLimit limit = AdaptiveLimit.create("sim", settings, changes::add, () -> now);
        Random random = new Random(seed);
        PriorityQueue<long[]> completions = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        List<Integer> limitsSeen = new ArrayList<>();
        double perStep = ratePerSecond * STEP_NANOS / 1e9;
        long end = (long) (seconds * 1e9);
        long measureFrom = (long) (measureFromSecond * 1e9);
        long admitted = 0, refused = 0;
        long[] latencies = new long[1 << 20];
        int measured = 0;
        double carry = 0;
        for (now = 0; now < end; now += STEP_NANOS) {
            while (!completions.isEmpty() && completions.peek()[0] <= now) {
                long[] c = completions.poll();
                limit.release(c[1], AdaptiveLimit.Result.SUCCESS);
                if (c[1] >= measureFrom && measured < latencies.length) latencies[measured++] = c[0] - c[1];
            }
            carry += perStep;
            while (carry >= 1 || random.nextDouble() < carry) {
                carry -= 1;
                if (limit.tryAcquire()) {
                    admitted++;
                    double ms = serviceMillis.applyAsDouble(limit.inFlight()) * (0.9 + 0.2 * random.nextDouble());
                    completions.add(new long[] {now + (long) (ms * 1e6), now});
                } else {
                    refused++;
                }
            }
            if (carry < 0) carry = 0;
            if (now % 1_000_000_000L == 0) limitsSeen.add(limit.limit());
        }
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        double p99 = measured == 0 ? 0 : sorted[Math.min(measured - 1, (int) Math.ceil(measured * 0.99) - 1)] / 1e6;
        return new Run(changes, limitsSeen, admitted, refused, p99, limit);
    }
}
