package dev.switchboard.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Durable task creations per second and their latency, H2 MVStore against SQLite, fsync on,
 * group commit. Each of {@code callers} virtual threads creates tasks back to back (each create
 * returns only once fsync'd), for {@code seconds} after a warm-up; figures print with PASS/MISS
 * against the goals (≥ 10,000 creates/s, p99 < 10 ms).
 *
 * <pre>
 * mvn -q -o -pl tasks test-compile
 * java -cp "tasks/target/classes:tasks/target/test-classes:$(cat tasks/target/cp.txt)" \
 *     dev.switchboard.tasks.StoreBenchmark [seconds=10] [callers=64] [dir=/tmp]
 * </pre>
 */
public final class StoreBenchmark {
    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int callers = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path base = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        System.out.printf("durable creates, fsync on, group commit, %d callers, %d s each%n", callers, seconds);
        System.out.printf("%-28s %12s %9s %9s %9s  %s%n", "store", "creates/s", "p50 ms", "p99 ms", "max ms", "goal");
        for (String kind : List.of("h2-mvstore", "sqlite-wal-full", "h2-mvstore", "sqlite-wal-full")) {
            Path dir = Files.createTempDirectory(base, "taskstore-" + kind);
            try (TaskStore store = kind.startsWith("h2") ? MvTaskStore.open(dir) : TaskStore.embedded(dir)) {
                run(store, 2, callers); // warm-up
                Result r = run(store, seconds, callers);
                boolean pass = r.perSecond >= 10_000 && r.p99Ms < 10;
                System.out.printf("%-28s %,12.0f %9.2f %9.2f %9.2f  %s%n", kind, r.perSecond, r.p50Ms, r.p99Ms,
                        r.maxMs, pass ? "PASS" : "MISS");
            }
        }
    }

    private record Result(double perSecond, double p50Ms, double p99Ms, double maxMs) {}

    private static Result run(TaskStore store, int seconds, int callers) throws InterruptedException {
        var recorder = new Recorder(3);
        var count = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        var done = new CountDownLatch(callers);
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                String owner = "session:" + c;
                pool.execute(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        store.create(TaskRecord.created(TaskIds.next(), owner, "slow_compute",
                                "{\"seconds\":1}", System.currentTimeMillis(), 60_000L, 1000, false));
                        recorder.recordValue(System.nanoTime() - t0);
                        count.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            done.await();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        var h = recorder.getIntervalHistogram();
        return new Result(count.get() / elapsed, h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }
}
