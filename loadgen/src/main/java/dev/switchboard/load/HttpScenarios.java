package dev.switchboard.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The request-driven scenarios over the Netty client: sequential, concurrent and churn run closed
 * loops (each connection sends its next request when the previous answer is in), burst fires once
 * on every connection at the same moment, sustained is an open loop at a fixed rate whose
 * latencies count from the moment a request was due, so a slow server cannot hide its queueing
 * (no coordinated omission).
 */
final class HttpScenarios {
    private HttpScenarios() {}

    static LoadResult run(LoadSpec spec, Progress progress) throws InterruptedException {
        try (Run run = new Run(spec)) {
            return switch (spec.scenario()) {
                case SEQUENTIAL -> closedLoop(run, 1, progress);
                case CONCURRENT, CHURN, STATELESS -> closedLoop(run, spec.connections(), progress);
                case BURST -> burst(run, progress);
                case SUSTAINED -> sustained(run, progress);
                case IDLE_SESSIONS -> IdleSessions.run(run, progress);
                case FANOUT -> Fanout.run(run, progress);
                case TASKS -> TaskCalls.run(run, progress);
                case ABUSE -> throw new IllegalArgumentException("abuse runs two loads and its abusers: LoadGenerator.abuse");
            };
        }
    }

    /** What one operation is, for this spec. */
    static Function<Worker, CompletableFuture<String>> operation(LoadSpec spec) {
        if (spec.httpMethod() != null) {
            Requests.Raw request = new Requests(spec.url(), spec.tool(), spec.arguments())
                    .plain(spec.httpMethod(), spec.body() == null ? null : spec.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return w -> w.plain(request);
        }
        if (spec.scenario() == Scenario.CHURN) return Worker::churn;
        if (spec.scenario() == Scenario.STATELESS) return Worker::stateless;
        return Worker::call;
    }

    /** How each worker is prepared before the clock starts. */
    static Function<Worker, CompletableFuture<String>> setup(LoadSpec spec) {
        if (spec.httpMethod() != null || spec.scenario() == Scenario.CHURN || spec.scenario() == Scenario.STATELESS) return Worker::connect;
        return Worker::open;
    }

    private static LoadResult closedLoop(Run run, int connections, Progress progress) throws InterruptedException {
        LoadSpec spec = run.spec;
        Function<Worker, CompletableFuture<String>> op = operation(spec);
        List<Worker> workers = run.workers(connections, setup(spec));
        if (spec.warmup() > 0) loop(workers, op, spec.warmup(), null, Long.MAX_VALUE, Long.MAX_VALUE);
        long total = spec.requests();
        LongAdder finished = new LongAdder();
        long deadline = System.nanoTime() + spec.duration().toNanos();
        boolean timed = total == Integer.MAX_VALUE;
        long started = System.nanoTime();
        run.start(progress, timed ? () -> (System.nanoTime() - started) / 1_000_000 : finished::sum, timed ? spec.duration().toMillis() : total);
        loop(workers, op, total, new Counting(run.measurements, finished), spec.duration().toMillis() + spec.timeout().toMillis() + 1_000, deadline);
        return run.measurements.result(spec.scenario().label(), spec.targetText(), spec.operation(), connections, Map.of());
    }

    /** Counts finished operations into the measurements, or only drops them during warm-up. */
    private record Counting(Measurements measurements, LongAdder finished) {
        void record(long nanos, String error) {
            measurements.outcome(nanos, error);
            finished.increment();
        }
    }

    /** Runs {@code total} operations (or until {@code deadline}, in System.nanoTime) over the workers, each sending its next when its last is answered. */
    private static void loop(List<Worker> workers, Function<Worker, CompletableFuture<String>> op, long total, Counting counting, long maxMillis, long deadline) throws InterruptedException {
        AtomicLong remaining = new AtomicLong(total);
        CountDownLatch done = new CountDownLatch(workers.size());
        for (Worker w : workers) next(w, op, remaining, counting, done, deadline);
        done.await(maxMillis, TimeUnit.MILLISECONDS);
    }

    private static void next(Worker w, Function<Worker, CompletableFuture<String>> op, AtomicLong remaining, Counting counting, CountDownLatch done, long deadline) {
        long start = System.nanoTime();
        if (remaining.getAndDecrement() <= 0 || start - deadline > 0) {
            done.countDown();
            return;
        }
        op.apply(w).whenComplete((error, e) -> {
            if (counting != null) counting.record(System.nanoTime() - start, e != null ? Outcome.of(e) : error);
            next(w, op, remaining, counting, done, deadline);
        });
    }

    private static LoadResult burst(Run run, Progress progress) throws InterruptedException {
        LoadSpec spec = run.spec;
        Function<Worker, CompletableFuture<String>> op = operation(spec);
        List<Worker> workers = run.workers(spec.burst(), setup(spec));
        LongAdder finished = new LongAdder();
        Counting counting = new Counting(run.measurements, finished);
        CountDownLatch done = new CountDownLatch(workers.size());
        run.start(progress, finished::sum, workers.size());
        for (Worker w : workers) {
            long start = System.nanoTime();
            op.apply(w).whenComplete((error, e) -> {
                counting.record(System.nanoTime() - start, e != null ? Outcome.of(e) : error);
                done.countDown();
            });
        }
        done.await(spec.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        LoadResult r = run.measurements.result(spec.scenario().label(), spec.targetText(), spec.operation(), workers.size(), Map.of());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("successRate", r.requests() == 0 ? 0 : (double) r.ok() / spec.burst());
        extra.put("minSuccessRate", spec.minSuccess());
        extra.put("passed", (double) r.ok() / spec.burst() >= spec.minSuccess());
        return withExtra(r, extra);
    }

    private static LoadResult sustained(Run run, Progress progress) throws InterruptedException {
        LoadSpec spec = run.spec;
        Function<Worker, CompletableFuture<String>> op = operation(spec);
        List<Worker> workers = run.workers(spec.connections(), setup(spec));
        int total = (int) Math.max(1, Math.round(spec.rate() * spec.duration().toNanos() / 1e9));
        long[] latencies = new long[total];
        ServerMemory.Sample before = ServerMemory.sample(spec.serverPid(), true);
        OpenLoop loop = new OpenLoop(run.measurements, op, workers, spec.rate(), total, latencies);
        run.start(progress, loop::finished, total);
        loop.run(spec.duration().toMillis() + spec.timeout().toMillis() + 2_000);
        ServerMemory.Sample after = ServerMemory.sample(spec.serverPid(), true);
        LoadResult r = run.measurements.result(spec.scenario().label(), spec.targetText(), spec.operation(), workers.size(), Map.of());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("targetRate", spec.rate());
        extra.put("degradationRatio", degradation(latencies));
        extra.putAll(ServerMemory.growth(before, after));
        return withExtra(r, extra);
    }

    /** Mean latency of the last 10% of requests (by when they were due) over the first 10%; failed ones (0) are skipped. */
    static double degradation(long[] latencies) {
        int tenth = Math.max(1, latencies.length / 10);
        double first = mean(latencies, 0, tenth);
        double last = mean(latencies, latencies.length - tenth, latencies.length);
        return first == 0 ? 0 : last / first;
    }

    private static double mean(long[] values, int from, int to) {
        long sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) if (values[i] > 0) {
            sum += values[i];
            n++;
        }
        return n == 0 ? 0 : (double) sum / n;
    }

    static LoadResult withExtra(LoadResult r, Map<String, Object> extra) {
        return new LoadResult(r.scenario(), r.target(), r.operation(), r.connections(), r.requests(), r.ok(), r.errors(), r.seconds(),
                r.throughput(), r.latency(), r.timeline(), r.percentiles(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra)));
    }

    /**
     * The open loop: request k is due at start + k/rate. A 1 ms ticker hands due requests to idle
     * workers; a worker that finishes takes the next due one at once. Latency counts from the due
     * time, so waiting for a free connection is part of it.
     */
    private static final class OpenLoop {
        private final Measurements measurements;
        private final Function<Worker, CompletableFuture<String>> op;
        private final ConcurrentLinkedQueue<Worker> idle;
        private final double rate;
        private final int total;
        private final long[] latencies;
        private final AtomicLong finished = new AtomicLong();
        private final CountDownLatch done;
        private long start;
        private int issued;

        OpenLoop(Measurements measurements, Function<Worker, CompletableFuture<String>> op, List<Worker> workers, double rate, int total, long[] latencies) {
            this.measurements = measurements;
            this.op = op;
            this.idle = new ConcurrentLinkedQueue<>(workers);
            this.rate = rate;
            this.total = total;
            this.latencies = latencies;
            this.done = new CountDownLatch(total);
        }

        long finished() {
            return finished.get();
        }

        void run(long maxMillis) throws InterruptedException {
            start = System.nanoTime();
            Thread ticker = Thread.ofPlatform().daemon().name("sb-load-ticker").start(() -> {
                while (done.getCount() > 0 && !Thread.currentThread().isInterrupted()) {
                    dispatch();
                    if (issuedAll()) return;
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                }
            });
            done.await(maxMillis, TimeUnit.MILLISECONDS);
            ticker.interrupt();
        }

        private synchronized boolean issuedAll() {
            return issued >= total;
        }

        private void dispatch() {
            while (true) {
                Worker w;
                int k;
                synchronized (this) {
                    long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
                    if (issued >= due) return;
                    w = idle.poll();
                    if (w == null) return;
                    k = issued++;
                }
                long dueAt = start + (long) (k / rate * 1e9);
                op.apply(w).whenComplete((error, e) -> {
                    long latency = System.nanoTime() - dueAt;
                    String kind = e != null ? Outcome.of(e) : error;
                    measurements.outcome(latency, kind);
                    if (kind == null) latencies[k] = latency;
                    finished.incrementAndGet();
                    idle.add(w);
                    done.countDown();
                    dispatch();
                });
            }
        }
    }
}
