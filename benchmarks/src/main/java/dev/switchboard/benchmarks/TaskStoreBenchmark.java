package dev.switchboard.benchmarks;

import dev.switchboard.tasks.TaskIds;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Durable task creations per second and their latency through the real embedded store
 * ({@link TaskStore#embedded}: SQLite, WAL, {@code synchronous=FULL}, one fsync per group commit).
 * Not a JMH suite: the figure is a rate under concurrency with a tail latency, so {@code callers}
 * virtual threads create tasks back to back (each {@code create} returns only once its batch is
 * fsync'd, which is what lets group commit batch them) for a warm-up and then {@code rounds} timed
 * rounds on one store. The goals (issue 13: ≥ 10,000 creates/s and p99 < 10 ms) are judged on all
 * rounds together.
 *
 * <p>Run it with {@code ./sb bench tasks} ({@code --quick}, {@code -p callers=N,seconds=S,rounds=R,dir=PATH}).
 * The store goes under {@code target/bench} of the repository by default, not {@code /tmp}, which
 * may be a tmpfs where fsync costs nothing; it is deleted afterwards.
 */
public final class TaskStoreBenchmark {
    static final double GOAL_CREATES_PER_SECOND = 10_000;
    static final double GOAL_P99_MS = 10;

    /** One round's figures, or all rounds' together. */
    record Figures(long creates, double seconds, double p50Ms, double p99Ms, double maxMs) {
        double perSecond() {
            return seconds <= 0 ? 0 : creates / seconds;
        }

        String line(String label) {
            return String.format(Locale.ROOT, "%-8s %,12d %,12.0f %9.2f %9.2f %9.2f", label, creates, perSecond(), p50Ms, p99Ms, maxMs);
        }
    }

    /** Every round's figures and all rounds' together. */
    public record Result(List<Figures> rounds, Figures total) {}

    private TaskStoreBenchmark() {}

    /**
     * Measures, prints the table and the goal verdicts to {@code out}.
     *
     * @throws IllegalArgumentException for a parameter it does not know or a bad value
     */
    public static Result run(boolean quick, Map<String, String> params, Path root, PrintStream out) throws Exception {
        TaskBenchSettings s = TaskBenchSettings.from(quick, params, root.resolve("target").resolve("bench"));
        Files.createDirectories(s.directory());
        Path dir = Files.createTempDirectory(s.directory(), "taskstore-");
        out.printf(Locale.ROOT, "sb bench tasks%s: durable creates through TaskStore.embedded (SQLite WAL, synchronous=FULL, group commit)%n",
                quick ? " --quick" : "");
        out.printf(Locale.ROOT, "%d callers, %d s warm-up, %d round%s of %d s, store in %s; %s%n%n", s.callers(), s.warmupSeconds(), s.rounds(),
                s.rounds() == 1 ? "" : "s", s.seconds(), dir, System.getProperty("java.vm.name") + " " + Runtime.version());
        Result result;
        try (TaskStore store = TaskStore.embedded(dir)) {
            measure(store, s.warmupSeconds(), s.callers(), new Histogram(3));
            Histogram all = new Histogram(3);
            List<Figures> rounds = new ArrayList<>();
            for (int r = 0; r < s.rounds(); r++) rounds.add(measure(store, s.seconds(), s.callers(), all));
            double seconds = rounds.stream().mapToDouble(Figures::seconds).sum();
            result = new Result(List.copyOf(rounds), figures(all.getTotalCount(), seconds, all));
        } finally {
            deleteTree(dir);
        }
        out.printf("%-8s %12s %12s %9s %9s %9s%n", "round", "creates", "creates/s", "p50 ms", "p99 ms", "max ms");
        for (int r = 0; r < result.rounds().size(); r++) out.println(result.rounds().get(r).line(String.valueOf(r + 1)));
        out.println(result.total().line("all"));
        out.println();
        out.println("goals (issue 13, fsync on)");
        for (Goal.Verdict v : verdicts(result.total())) out.println("  " + v.line());
        return result;
    }

    /** The two store goals judged on {@code total}. */
    static List<Goal.Verdict> verdicts(Figures total) {
        if (total.creates() == 0)
            return List.of(new Goal.Verdict(Goal.Status.NOT_MEASURED, "durable creates: none completed in this run"));
        return List.of(
                new Goal.Verdict(total.perSecond() >= GOAL_CREATES_PER_SECOND ? Goal.Status.PASS : Goal.Status.MISS,
                        String.format(Locale.ROOT, "at least %,.0f durable creates/s: %,.0f/s", GOAL_CREATES_PER_SECOND, total.perSecond())),
                new Goal.Verdict(total.p99Ms() < GOAL_P99_MS ? Goal.Status.PASS : Goal.Status.MISS,
                        String.format(Locale.ROOT, "create p99 under %s ms: %s ms", ResultTable.number(GOAL_P99_MS), ResultTable.number(total.p99Ms()))));
    }

    /** Creates from {@code callers} virtual threads for {@code seconds}; each latency also goes into {@code all}. */
    static Figures measure(TaskStore store, int seconds, int callers, Histogram all) throws InterruptedException {
        var recorder = new Recorder(3);
        var count = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        var done = new CountDownLatch(callers);
        var failure = new AtomicReference<RuntimeException>();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                String owner = "session:" + c;
                pool.execute(() -> {
                    try {
                        while (System.nanoTime() < end && failure.get() == null) {
                            long t0 = System.nanoTime();
                            store.create(TaskRecord.created(TaskIds.next(), owner, "slow_compute", "{\"seconds\":1}",
                                    System.currentTimeMillis(), 60_000L, 1000, false));
                            recorder.recordValue(System.nanoTime() - t0);
                            count.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        if (failure.get() != null) throw new IllegalStateException("a create failed: " + failure.get().getMessage(), failure.get());
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        all.add(h);
        return figures(count.get(), elapsed, h);
    }

    private static Figures figures(long creates, double seconds, Histogram h) {
        return new Figures(creates, seconds, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
