package dev.switchboard.benchmarks;

import dev.switchboard.kernel.AutotuneSettings;
import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Outcome;
import dev.switchboard.kernel.Subsystem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The adaptive admission limit under overload (issue 18). A tool guards a simulated shared
 * resource: {@value #WORKERS} workers of {@value #BASE_MS} ms each, so past {@value #WORKERS} calls
 * in flight a call's service time grows with the calls in flight, and a little more for each
 * call past the knee (contention): capacity is about {@code WORKERS / BASE_MS} calls per ms, and
 * admitting more only makes every call slower. Calls are offered open-loop at 3× capacity; a call
 * counts towards goodput when it is admitted, delivered and done within {@value #DEADLINE_MS} ms
 * (a client's timeout).
 *
 * <p>First the unloaded p99 (10% of capacity, no limit binding); then a sweep of fixed
 * {@code performance.maxInflight} limits finds the best goodput; then autotune (Vegas and Gradient2)
 * from its default start. Goals: with autotune, the p99 of admitted calls within 2× the unloaded
 * p99, and goodput at least the best fixed limit's. The load goes through {@link Kernel#submit},
 * the admission under test, in process: the service times are sleeps on virtual threads, so the
 * figures hold on a busy machine; the MCP mapping of a refusal (-32000, {@code retryAfterMs}) is
 * covered by tests. Run: {@code ./sb bench overload [--quick]}.
 */
public final class OverloadBenchmark {
    static final int WORKERS = 8;
    static final int BASE_MS = 10;
    static final int DEADLINE_MS = 1_000;
    static final double CAPACITY_PER_SECOND = WORKERS * 1_000.0 / BASE_MS;

    /** One run's figures. */
    record Run(String label, double goodput, double p99Millis, double refusedShare, String limits) {}

    private OverloadBenchmark() {}

    public static boolean run(boolean quick, PrintStream out) throws Exception {
        int fixedSeconds = quick ? 6 : 12, tunedSeconds = quick ? 30 : 60, warmSeconds = quick ? 15 : 30;
        double offered = 3 * CAPACITY_PER_SECOND;
        out.printf(Locale.ROOT, "overload benchmark: a shared resource of %d workers × %d ms (capacity ≈ %.0f calls/s), offered %.0f calls/s open-loop;%n"
                + "goodput = calls admitted and done within %d ms, per second%n", WORKERS, BASE_MS, CAPACITY_PER_SECOND, offered, DEADLINE_MS);
        load("warm-up", KernelConfig.defaults().withMaxInflight(16), offered, 4, 1); // JIT and thread pools, not measured
        Run unloaded = load("unloaded (10% of capacity)", KernelConfig.defaults(), CAPACITY_PER_SECOND / 10, 8, 2);
        print(out, unloaded);
        Run best = null;
        for (int limit : new int[] {4, 6, 8, 10, 12, 16, 24, 32, 64, 256}) {
            Run r = load("fixed maxInflight " + limit, KernelConfig.defaults().withMaxInflight(limit), offered, fixedSeconds, 1);
            print(out, r);
            if (best == null || r.goodput() > best.goodput()) best = r;
        }
        List<Run> tuned = new ArrayList<>();
        for (String algorithm : List.of("vegas", "gradient2")) {
            AutotuneSettings a = AutotuneSettings.defaults().withEnabled(true).withAlgorithm(algorithm);
            Run r = load("autotune " + algorithm + " (measured after " + warmSeconds + " s)", KernelConfig.defaults().withAutotune(a), offered, tunedSeconds, warmSeconds);
            print(out, r);
            tuned.add(r);
        }
        out.printf(Locale.ROOT, "%nbest fixed limit: %s, goodput %.0f/s, p99 %.1f ms; unloaded p99 %.1f ms%n", best.label(), best.goodput(), best.p99Millis(), unloaded.p99Millis());
        boolean allMet = true;
        for (Run r : tuned) {
            double latency = r.p99Millis() / unloaded.p99Millis(), goodput = r.goodput() / best.goodput();
            boolean latencyMet = latency <= 2.0, goodputMet = goodput >= 1.0;
            out.printf(Locale.ROOT, "%-12s p99 %.1f ms = %.2f× unloaded (goal ≤ 2×): %s;  goodput %.0f/s = %.3f× best fixed (goal ≥ 1×): %s%n",
                    r.label().split(" \\(")[0], r.p99Millis(), latency, latencyMet ? "PASS" : "MISS", r.goodput(), goodput, goodputMet ? "PASS" : "MISS");
            if (r.label().contains("vegas")) allMet = latencyMet && goodputMet;
        }
        out.println("(vegas is the default performance.autotuneAlgorithm; its line decides the exit status)");
        return allMet;
    }

    private static void print(PrintStream out, Run r) {
        out.printf(Locale.ROOT, "  %-44s goodput %6.0f/s   p99 admitted %7.1f ms   refused %5.1f%%   %s%n", r.label(), r.goodput(), r.p99Millis(), 100 * r.refusedShare(), r.limits());
    }

    /** Offers {@code rate} calls a second for {@code seconds}; measures from {@code measureFrom} seconds on. */
    static Run load(String label, KernelConfig config, double rate, int seconds, int measureFrom) throws Exception {
        AtomicInteger running = new AtomicInteger();
        try (Kernel kernel = Kernel.create(config)) {
            kernel.register(Subsystem.builder("tools").route("tools://call/shared", d -> {
                int n = running.incrementAndGet();
                try {
                    double factor = Math.max(1.0, (double) n / WORKERS) * (1 + 0.02 * Math.max(0, n - WORKERS));
                    Thread.sleep((long) (BASE_MS * 1_000_000L * factor) / 1_000_000L, (int) ((BASE_MS * 1_000_000L * factor) % 1_000_000L));
                    return "done";
                } finally {
                    running.decrementAndGet();
                }
            }).build());
            Recorder latencies = new Recorder(3);
            LongAdder good = new LongAdder(), offeredCount = new LongAdder(), refused = new LongAdder();
            long start = System.nanoTime(), measureStart = start + measureFrom * 1_000_000_000L, end = start + seconds * 1_000_000_000L;
            StringBuilder limitTrace = new StringBuilder();
            long sent = 0;
            for (long now = start; now < end; now = System.nanoTime()) {
                long due = (long) ((now - start) / 1e9 * rate);
                boolean measuring = now >= measureStart;
                for (; sent < due; sent++) {
                    long t0 = System.nanoTime();
                    var reply = kernel.submit(Message.of("tools://call/shared", null));
                    if (!measuring) continue;
                    offeredCount.increment();
                    reply.thenAccept(o -> {
                        if (o instanceof Outcome.Refused) {
                            refused.increment();
                            return;
                        }
                        long took = System.nanoTime() - t0;
                        latencies.recordValue(Math.max(1, took / 1_000));
                        if (o instanceof Outcome.Delivered && took <= DEADLINE_MS * 1_000_000L) good.increment();
                    });
                }
                if (!kernel.adaptiveLimits().isEmpty() && (now - start) / 1_000_000_000L > limitTrace.length() / 4 && limitTrace.length() < 400)
                    limitTrace.append(String.format(Locale.ROOT, "%3d ", kernel.adaptiveLimits().get("tools").limit()));
                Thread.sleep(1);
            }
            Thread.sleep(DEADLINE_MS + 200L); // the last calls finish (or pass the deadline)
            double measuredSeconds = (end - measureStart) / 1e9;
            var h = latencies.getIntervalHistogram();
            String limits = kernel.adaptiveLimits().isEmpty() ? "" : "limit per second: " + limitTrace.toString().trim().replaceAll(" +", " ")
                    + String.format(Locale.ROOT, " (changes %d, rollbacks %d)", kernel.adaptiveLimits().get("tools").changes(), kernel.adaptiveLimits().get("tools").rollbacks());
            return new Run(label, good.sum() / measuredSeconds, h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1_000.0,
                    offeredCount.sum() == 0 ? 0 : (double) refused.sum() / offeredCount.sum(), limits);
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args.length > 0 && args[0].equals("--quick"), System.out) ? 0 : 1);
    }
}
