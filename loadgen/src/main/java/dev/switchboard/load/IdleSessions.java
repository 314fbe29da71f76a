package dev.switchboard.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N sessions, each holding its GET stream open: what does an idle session cost the server? The
 * server's memory is read before the sessions open and after they are all held (settled by a GC
 * for a JVM); the difference over the sessions held is the cost of one. Connections spread over
 * several loopback source addresses (127.0.0.1, .2, …) so that tens of thousands do not run out
 * of ephemeral ports on one address pair. The latency recorded is the time to open one: connect,
 * initialize, initialized, GET until its headers (or, for a server that sends them only with its
 * first event, until {@link #STREAM_GRACE} passed with the request still open; those are counted
 * apart as {@code streamsHeldBeforeTheirHeaders} and their latency includes the grace).
 */
final class IdleSessions {
    /** How long a GET may go unanswered and still count as a held stream (some servers send headers only with the first event). */
    static final java.time.Duration STREAM_GRACE = java.time.Duration.ofSeconds(1);

    private IdleSessions() {}

    static LoadResult run(Run run, Progress progress) throws InterruptedException {
        LoadSpec spec = run.spec;
        ServerMemory.Sample before = ServerMemory.sample(spec.serverPid(), true);
        AtomicLong opened = new AtomicLong();
        run.start(progress, opened::get, spec.sessions());
        int addresses = Math.max(1, Math.min(250, spec.sourceAddresses()));
        AtomicLong withoutHeaders = new AtomicLong();
        List<Worker> workers = run.workers(spec.sessions(), 1_024,
                i -> new Worker(run.client, run.requests, new InetSocketAddress("127.0.0." + (1 + i % addresses), 0)),
                w -> hold(w, run, opened, withoutHeaders));
        run.stopSampling();
        Thread.sleep(Math.min(spec.hold().toMillis(), 500));
        ServerMemory.Sample held = ServerMemory.sample(spec.serverPid(), true);
        Thread.sleep(Math.max(0, spec.hold().toMillis() - 500));
        long stillOpen = workers.stream().filter(w -> w.connection() != null && w.connection().isOpen()).count();
        LoadResult r = run.measurements.result(spec.scenario().label(), spec.targetText(), spec.operation(), workers.size(), Map.of());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("sessionsHeld", opened.get());
        extra.put("streamsHeldBeforeTheirHeaders", withoutHeaders.get());
        extra.put("connectionsStillOpenAfterHold", stillOpen);
        extra.put("sourceAddresses", addresses);
        Map<String, Object> growth = ServerMemory.growth(before, held);
        extra.putAll(growth);
        if (opened.get() > 0) {
            if (growth.get("serverRssGrowthBytes") instanceof Long rss) extra.put("serverRssPerSessionBytes", rss / opened.get());
            if (growth.get("serverHeapGrowthBytes") instanceof Long heap) extra.put("serverHeapPerSessionBytes", heap / opened.get());
        }
        endSessions(run, workers);
        return HttpScenarios.withExtra(r, extra);
    }

    private static CompletableFuture<String> hold(Worker w, Run run, AtomicLong opened, AtomicLong withoutHeaders) {
        long start = System.nanoTime();
        return w.open().thenCompose(error -> {
            if (error != null) return CompletableFuture.completedFuture(error);
            return w.connection().openStream(run.requests.stream(w.session()), STREAM_GRACE, data -> {})
                    .thenApply(status -> {
                        if (status == 0) withoutHeaders.incrementAndGet();
                        return status == 200 || status == 0 ? null : "GET: http " + status;
                    })
                    .exceptionally(Outcome::of);
        }).whenComplete((error, e) -> {
            if (error == null && e == null) {
                run.measurements.success(System.nanoTime() - start);
                opened.incrementAndGet();
            }
        });
    }

    /** DELETEs the held sessions over a few fresh connections, so later runs against the same server start clean. */
    private static void endSessions(Run run, List<Worker> held) throws InterruptedException {
        List<String> sessions = new ArrayList<>();
        for (Worker w : held) if (w.session() != null) sessions.add(w.session());
        held.forEach(Worker::close);
        int lanes = Math.min(16, Math.max(1, sessions.size()));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            List<String> mine = new ArrayList<>();
            for (int i = lane; i < sessions.size(); i += lanes) mine.add(sessions.get(i));
            all.add(run.client.connect(run.requests.address(), null).thenCompose(c -> deleteAll(c, run.requests, mine, 0)).handle((v, e) -> null));
        }
        for (CompletableFuture<Void> f : all) f.join();
    }

    private static CompletableFuture<Void> deleteAll(HttpConnection c, Requests requests, List<String> sessions, int i) {
        if (i >= sessions.size()) {
            c.close();
            return CompletableFuture.completedFuture(null);
        }
        return c.send(requests.delete(sessions.get(i))).thenCompose(r -> deleteAll(c, requests, sessions, i + 1));
    }
}
