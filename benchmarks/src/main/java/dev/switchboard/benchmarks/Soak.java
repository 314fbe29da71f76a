package dev.switchboard.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The long soak (issue 18): mixed MCP traffic (tool calls, sessions opened and closed,
 * subscriptions, durable tasks, resource notifications) against an in-process server at half its
 * measured capacity, sampled every interval: heap after a full GC, RSS, operations, errors and
 * latency. Goals: heap growth under 5% (the median of the last three samples against the median of
 * the first three after the first), p99 drift under 1.2× (median p99 of the last third against the
 * first third), zero errors. Writes a CSV and an SVG plot. Run: {@code ./sb load soak [--minutes N] [--rate R]}.
 */
public final class Soak {
    /**
     * @param duration  how long the soak runs (after the capacity measurement)
     * @param interval  how often a sample is taken
     * @param rate      operations per second; 0 measures capacity first and takes half
     * @param csv       where the samples go (or null)
     * @param svg       where the plot goes (or null)
     */
    public record Settings(Duration duration, Duration interval, double rate, Path csv, Path svg) {}

    /** The run's verdicts and figures. */
    public record Result(List<SoakSample> samples, double rate, long errors, double heapGrowth, double p99Drift, List<String> firstErrors) {
        public boolean heapMet() {
            return heapGrowth < 0.05;
        }

        public boolean driftMet() {
            return p99Drift < 1.2;
        }

        public boolean passed() {
            return errors == 0 && heapMet() && driftMet();
        }
    }

    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final int MAX_OUTSTANDING = 2_048;

    private Soak() {}

    public static Result run(Settings s, PrintStream out) throws Exception {
        Path taskDir = Files.createTempDirectory("sb-soak-tasks");
        try (SoakServer server = new SoakServer(taskDir); SoakTraffic traffic = new SoakTraffic(server.endpoint(), 8, 4)) {
            double rate = s.rate();
            if (rate <= 0) {
                out.println("measuring capacity (open loop, the same mix, doubling the rate every 3 s until the server falls behind)…");
                double capacity = capacity(traffic, out);
                rate = capacity / 2;
                out.printf(Locale.ROOT, "capacity: %.0f ops/s; the soak offers half: %.0f ops/s%n", capacity, rate);
            }
            out.printf(Locale.ROOT, "soak: %s at %.0f ops/s (60%% add, 10%% session open+call+close, 10%% touch → %d subscribers, 10%% subscribe/unsubscribe, 10%% task), a sample every %d s%n",
                    human(s.duration()), rate, 4, s.interval().toSeconds());
            Duration warmup = Duration.ofSeconds(Math.clamp(s.duration().toSeconds() / 10, 10, 60));
            out.printf(Locale.ROOT, "warming up for %d s at the same rate (not sampled)…%n", warmup.toSeconds());
            drive(traffic, rate, new Settings(warmup, warmup, rate, null, null), null);
            traffic.firstErrors.clear();
            out.printf(Locale.ROOT, "%8s %14s %10s %9s %7s %9s %9s%n", "minute", "heap after GC", "RSS", "ops", "errors", "p50 ms", "p99 ms");
            List<SoakSample> samples = drive(traffic, rate, s, out);
            long errors = samples.stream().mapToLong(SoakSample::errors).sum();
            Result r = new Result(samples, rate, errors, heapGrowth(samples), p99Drift(samples), List.copyOf(traffic.firstErrors));
            report(r, s, out);
            out.printf(Locale.ROOT, "exchanges the server closed before any byte of an answer, sent once more: %d%n", traffic.closedUnanswered.sum());
            return r;
        } finally {
            deleteQuietly(taskDir);
        }
    }

    /**
     * The highest offered rate (doubling from 50 operations a second, 3 s each, the same mix) that
     * the server keeps up with: all of it done, no error, p99 under a second. Open loop like the
     * soak itself; a closed loop would measure the slowest operation of the mix instead.
     */
    private static double capacity(SoakTraffic traffic, PrintStream out) throws InterruptedException {
        Duration warm = Duration.ofSeconds(10);
        drive(traffic, 50, new Settings(warm, warm, 50, null, null), null); // JIT, pools and connections first
        double good = 25;
        for (double r = 50; r <= 12_800; r *= 2) {
            Duration step = Duration.ofSeconds(3);
            List<SoakSample> one = drive(traffic, r, new Settings(step, step, r, null, null), null);
            SoakSample x = one.getLast();
            boolean kept = x.errors() == 0 && x.operations() >= 0.9 * r * step.toSeconds() && x.p99Millis() < 1_000;
            out.printf(Locale.ROOT, "  capacity step: offered %.0f ops/s, done %.0f ops/s, errors %d, p99 %.1f ms%s%n", r, x.operations() / (double) step.toSeconds(),
                    x.errors(), x.p99Millis(), kept ? "" : " (not kept up)");
            if (!kept) break;
            good = r;
        }
        traffic.firstErrors.clear();
        return good;
    }

    private static List<SoakSample> drive(SoakTraffic traffic, double rate, Settings s, PrintStream out) throws InterruptedException {
        Recorder latency = new Recorder(3);
        LongAdder ops = new LongAdder(), errors = new LongAdder();
        Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        List<SoakSample> samples = new ArrayList<>();
        long start = System.nanoTime(), end = start + s.duration().toNanos(), nextSample = start + s.interval().toNanos();
        long sent = 0;
        Histogram interval = null;
        while (true) {
            long now = System.nanoTime();
            if (now >= nextSample || now >= end) {
                // the operations still running belong to the next interval; at the end, wait for them
                if (now >= end) outstanding.acquire(MAX_OUTSTANDING);
                interval = latency.getIntervalHistogram(interval);
                long opsNow = ops.sumThenReset(), errorsNow = errors.sumThenReset();
                SoakSample sample = new SoakSample((now - start) / 1e9, heapAfterGc(), rss(), opsNow, errorsNow,
                        interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50) / 1000.0, interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0);
                samples.add(sample);
                if (out != null) out.printf(Locale.ROOT, "%8.1f %10.1f MiB %6.1f MiB %9d %7d %9.2f %9.2f%n", sample.atSeconds() / 60, sample.heapAfterGcBytes() / 1048576.0,
                        sample.rssBytes() / 1048576.0, opsNow, errorsNow, sample.p50Millis(), sample.p99Millis());
                if (now >= end) break;
                nextSample += s.interval().toNanos();
                continue;
            }
            long due = (long) ((now - start) / 1e9 * rate);
            for (; sent < due; sent++) {
                if (!outstanding.tryAcquire()) {
                    errors.increment();
                    traffic.noteError("more than " + MAX_OUTSTANDING + " operations outstanding: the server fell behind the offered rate");
                    continue;
                }
                Thread.ofVirtual().start(() -> {
                    long t0 = System.nanoTime();
                    try {
                        if (traffic.onceOrAgain()) ops.increment();
                        else {
                            errors.increment();
                            traffic.noteError("a tool answered isError");
                        }
                    } catch (RuntimeException e) {
                        errors.increment();
                        traffic.noteError(e.toString());
                    } finally {
                        latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                        outstanding.release();
                    }
                });
            }
            Thread.sleep(1);
        }
        return samples;
    }

    /** Median of the last three samples' heap against the median of samples 2–4 (the first is warm-up), as a fraction. */
    static double heapGrowth(List<SoakSample> samples) {
        if (samples.size() < 3) return 0;
        List<SoakSample> steady = samples.size() > 4 ? samples.subList(1, samples.size()) : samples;
        double first = median(steady.subList(0, Math.min(3, steady.size())), SoakSample::heapAfterGcBytes);
        double last = median(steady.subList(Math.max(0, steady.size() - 3), steady.size()), SoakSample::heapAfterGcBytes);
        return (last - first) / first;
    }

    /** Median p99 of the last third against the first third (after the first sample). */
    static double p99Drift(List<SoakSample> samples) {
        List<SoakSample> steady = samples.size() > 3 ? samples.subList(1, samples.size()) : samples;
        int third = Math.max(1, steady.size() / 3);
        double first = median(steady.subList(0, third), s -> (long) (s.p99Millis() * 1000));
        double last = median(steady.subList(steady.size() - third, steady.size()), s -> (long) (s.p99Millis() * 1000));
        return first <= 0 ? 1 : last / first;
    }

    private static double median(List<SoakSample> xs, java.util.function.ToLongFunction<SoakSample> f) {
        List<Long> v = xs.stream().map(f::applyAsLong).sorted(Comparator.naturalOrder()).toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
    }

    private static void report(Result r, Settings s, PrintStream out) throws java.io.IOException {
        out.printf(Locale.ROOT, "heap growth %+.1f%% (goal < 5%%): %s%n", 100 * r.heapGrowth(), r.heapMet() ? "PASS" : "MISS");
        out.printf(Locale.ROOT, "p99 drift %.2f× (goal < 1.2×): %s%n", r.p99Drift(), r.driftMet() ? "PASS" : "MISS");
        out.printf(Locale.ROOT, "errors %d (goal 0): %s%n", r.errors(), r.errors() == 0 ? "PASS" : "MISS");
        for (String e : r.firstErrors()) out.println("  error: " + e);
        if (s.csv() != null) {
            if (s.csv().getParent() != null) Files.createDirectories(s.csv().getParent());
            List<String> lines = new ArrayList<>(List.of(SoakSample.csvHeader()));
            r.samples().forEach(x -> lines.add(x.csv()));
            Files.write(s.csv(), lines);
            out.println("csv: " + s.csv());
        }
        if (s.svg() != null) {
            SoakPlot.write(r.samples(), String.format(Locale.ROOT, "soak: %s at %.0f ops/s, heap growth %+.1f%%, p99 drift %.2f×, %d errors",
                    human(s.duration()), r.rate(), 100 * r.heapGrowth(), r.p99Drift(), r.errors()), s.svg());
            out.println("plot: " + s.svg());
        }
        out.println(r.passed() ? "PASS" : "MISS");
    }

    /**
     * Heap in use right after a full collection (two, so finalizable garbage is gone too), as the
     * collector recorded it: each heap pool's usage after its last collection. Reading the heap's
     * usage instead would count what the load allocated in the microseconds since (a sample of
     * 33 MiB against a live heap of 16.7 MiB was seen that way).
     */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != java.lang.management.MemoryType.HEAP) continue;
            var after = pool.getCollectionUsage();
            used += after != null ? after.getUsed() : pool.getUsage().getUsed();
        }
        return used;
    }

    static long rss() {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc/self/status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Result r = run(new Settings(Duration.ofMinutes(minutes), Duration.ofSeconds(minutes <= 5 ? 10 : 60), args.length > 1 ? Double.parseDouble(args[1]) : 0,
                Path.of("target/soak/soak.csv"), Path.of("target/soak/soak.svg")), System.out);
        System.exit(r.passed() ? 0 : 1);
    }
}
