package dev.switchboard.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The {@code tasks} scenario: what running a tool as a durable task costs over calling it plainly.
 * C sessions negotiate 2025-11-25; each sends, in a closed loop, a plain {@code tools/call} and then
 * the same call with {@code params.task}, whose answer (a CreateTaskResult) comes back once the task
 * is stored and fsync'd. The task creates are the run's measured operations; the plain calls beside
 * them, on the same connections at the same moments, are the baseline. Goal (issue 13): the task's
 * p50 at most {@value #GOAL_OVERHEAD_MS} ms above the plain call's. The tool must allow tasks
 * ({@code execution.taskSupport} optional), e.g. the everything server's {@code slow_compute
 * {"seconds":0}}.
 */
final class TaskCalls {
    static final double GOAL_OVERHEAD_MS = 1.0;

    private TaskCalls() {}

    static LoadResult run(Run run, Progress progress) throws InterruptedException {
        LoadSpec spec = run.spec;
        List<Worker> workers = run.workers(spec.connections(), Worker::open);
        if (spec.warmup() > 0) pairs(workers, run, null, spec.warmup(), Long.MAX_VALUE, Long.MAX_VALUE);
        Histogram plain = new ConcurrentHistogram(3);
        LongAdder finished = new LongAdder();
        boolean timed = spec.requests() == Integer.MAX_VALUE;
        long started = System.nanoTime();
        run.start(progress, timed ? () -> (System.nanoTime() - started) / 1_000_000 : finished::sum, timed ? spec.duration().toMillis() : spec.requests());
        pairs(workers, run, new Recording(plain, finished), spec.requests(), spec.duration().toMillis() + spec.timeout().toMillis() + 1_000,
                started + spec.duration().toNanos());
        LoadResult r = run.measurements.result(spec.scenario().label(), spec.targetText(), spec.operation(), workers.size(), Map.of());
        return HttpScenarios.withExtra(r, extra(plain, r.ok() == 0 ? null : r.latency()));
    }

    /** The plain calls' figures (latencies in ns), the task creates' ({@code null}: none succeeded) and the overhead verdict. */
    static Map<String, Object> extra(Histogram plain, LoadResult.Latency task) {
        Map<String, Object> extra = new LinkedHashMap<>();
        double plainP50 = plain.getTotalCount() == 0 ? Double.NaN : plain.getValueAtPercentile(50) / 1e6;
        double taskP50 = task == null ? Double.NaN : task.p50();
        extra.put("plainCalls", plain.getTotalCount());
        extra.put("plainP50Ms", plainP50);
        extra.put("plainP99Ms", plain.getTotalCount() == 0 ? Double.NaN : plain.getValueAtPercentile(99) / 1e6);
        extra.put("taskP50Ms", taskP50);
        extra.put("taskP99Ms", task == null ? Double.NaN : task.p99());
        extra.put("overheadP50Ms", taskP50 - plainP50);
        extra.put("overheadGoal", verdict(taskP50, plainP50));
        return extra;
    }

    /** PASS when the task's p50 is at most {@link #GOAL_OVERHEAD_MS} above the plain call's; "-" when either is missing. */
    static String verdict(double taskP50Ms, double plainP50Ms) {
        if (Double.isNaN(taskP50Ms) || Double.isNaN(plainP50Ms)) return "- (not measured: no successful " + (Double.isNaN(taskP50Ms) ? "task create" : "plain call") + ")";
        double overhead = taskP50Ms - plainP50Ms;
        return String.format(Locale.ROOT, "%s task p50 at most %.1f ms above a plain call: %+.3f ms", overhead <= GOAL_OVERHEAD_MS ? "PASS" : "MISS",
                GOAL_OVERHEAD_MS, overhead);
    }

    /** Where a measured pair goes: the plain call's latency into {@code plain}, the task create's into the run's measurements. */
    private record Recording(Histogram plain, LongAdder finished) {}

    /** Runs {@code total} pairs (or until {@code deadline}, in System.nanoTime) over the workers, each sending its next when its last is answered. */
    private static void pairs(List<Worker> workers, Run run, Recording recording, long total, long maxMillis, long deadline) throws InterruptedException {
        AtomicLong remaining = new AtomicLong(total);
        CountDownLatch done = new CountDownLatch(workers.size());
        for (Worker w : workers) next(w, run, recording, remaining, done, deadline);
        done.await(maxMillis, TimeUnit.MILLISECONDS);
    }

    private static void next(Worker w, Run run, Recording recording, AtomicLong remaining, CountDownLatch done, long deadline) {
        long plainStart = System.nanoTime();
        if (remaining.getAndDecrement() <= 0 || plainStart - deadline > 0) {
            done.countDown();
            return;
        }
        w.call().whenComplete((plainError, e1) -> {
            long taskStart = System.nanoTime();
            String plainKind = e1 != null ? Outcome.of(e1) : plainError;
            if (recording != null) {
                if (plainKind == null) recording.plain().recordValue(taskStart - plainStart);
                else run.measurements.failure("plain call: " + plainKind);
            }
            w.taskCall().whenComplete((taskError, e2) -> {
                if (recording != null) {
                    run.measurements.outcome(System.nanoTime() - taskStart, e2 != null ? Outcome.of(e2) : taskError);
                    recording.finished().increment();
                }
                next(w, run, recording, remaining, done, deadline);
            });
        });
    }
}
