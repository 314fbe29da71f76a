package dev.switchboard.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The parts every network scenario shares: the client, the workers, the measurements and the
 * sampler that cuts the timeline and moves the progress bar. Closing it ends the sessions it
 * opened and closes every connection.
 */
final class Run implements AutoCloseable {
    static final long SAMPLE_MILLIS = 500;

    final LoadSpec spec;
    final LoadClient client;
    final Requests requests;
    final Measurements measurements = new Measurements();
    final List<Worker> workers = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("sb-load-sampler").unstarted(r));

    Run(LoadSpec spec) {
        this.spec = spec;
        this.client = new LoadClient(spec.eventLoops(), spec.timeout());
        this.requests = new Requests(spec.url(), spec.tool(), spec.arguments(),
                spec.scenario() == Scenario.TASKS ? Requests.TASKS_VERSION : Requests.PROTOCOL_VERSION);
    }

    /** Creates {@code n} workers and runs {@code setup} on each, at most {@code window} at a time; setup errors are counted. */
    List<Worker> workers(int n, int window, Function<Integer, Worker> create, Function<Worker, CompletableFuture<String>> setup) throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        List<CompletableFuture<String>> all = new ArrayList<>();
        List<Worker> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Worker w = create.apply(i);
            workers.add(w);
            created.add(w);
            inFlight.acquire();
            CompletableFuture<String> f = setup.apply(w);
            f.whenComplete((error, e) -> inFlight.release());
            all.add(f);
        }
        long deadline = System.nanoTime() + 3 * spec.timeout().toNanos();
        for (CompletableFuture<String> f : all) {
            String error;
            try {
                error = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                error = e instanceof java.util.concurrent.TimeoutException ? "timeout" : Outcome.of(e.getCause());
            }
            if (error != null) measurements.failure("setup: " + error);
        }
        return created;
    }

    List<Worker> workers(int n, Function<Worker, CompletableFuture<String>> setup) throws InterruptedException {
        return workers(n, 256, i -> new Worker(client, requests, null), setup);
    }

    /** Starts the clock and the sampler, which reports {@code done} out of {@code total} to the progress bar. */
    void start(Progress progress, LongSupplier done, long total) {
        measurements.start();
        sampler.scheduleAtFixedRate(() -> {
            measurements.sample();
            progress.update(done.getAsLong(), total);
        }, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stopSampling() {
        sampler.shutdownNow();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        for (Worker w : workers) ends.add(w.end());
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the server evicts sessions we could not end
        }
        workers.forEach(Worker::close);
        client.close();
    }
}
