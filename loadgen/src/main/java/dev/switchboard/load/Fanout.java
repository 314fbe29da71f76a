package dev.switchboard.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * S subscribers to one resource, each with a session, a resources/subscribe and a GET stream; one
 * more session calls the trigger tool H times a second, which makes the server announce the
 * change. Update k is sent at a known moment, and every subscriber hears the updates in order,
 * so its k-th notification's delivery latency is its arrival minus update k's send time. The
 * target must announce the resource only when triggered (the everything fixture also ticks its
 * watched resource every second, which would add notifications: use the demo's ticker).
 */
final class Fanout {
    private Fanout() {}

    static LoadResult run(Run run, Progress progress) throws InterruptedException {
        LoadSpec spec = run.spec;
        String subscribe = "{\"uri\":" + Requests.quote(spec.resource()) + "}";
        String trigger = "{\"name\":" + Requests.quote(spec.triggerTool()) + ",\"arguments\":{}}";
        int updates = (int) Math.max(1, Math.round(spec.hz() * spec.duration().toNanos() / 1e9));
        AtomicLongArray sentAt = new AtomicLongArray(updates);
        AtomicLong delivered = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        String marker = "notifications/resources/updated";
        List<Worker> subscribers = run.workers(spec.subscribers(), w -> w.request("resources/subscribe", subscribe).thenCompose(error -> {
            if (error != null) return CompletableFuture.completedFuture("subscribe: " + error);
            int[] heard = {0};
            return w.connection().openStream(run.requests.stream(w.session()), IdleSessions.STREAM_GRACE, data -> {
                if (!data.contains(marker) || !data.contains(spec.resource())) return;
                int k = heard[0]++;
                if (k < sent.get()) run.measurements.success(System.nanoTime() - sentAt.get(k));
                else run.measurements.failure("unexpected notification");
                delivered.incrementAndGet();
            }).thenApply(status -> status == 200 || status == 0 ? null : "GET: http " + status).exceptionally(Outcome::of);
        }));
        Worker triggerer = new Worker(run.client, run.requests, null);
        run.workers.add(triggerer);
        String setupError = triggerer.open().join();
        if (setupError != null) run.measurements.failure("setup: " + setupError);
        long expected = (long) updates * subscribers.size();
        run.start(progress, delivered::get, expected);
        long start = System.nanoTime();
        for (int k = 0; k < updates; k++) {
            long due = start + (long) (k * 1e9 / spec.hz());
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            sentAt.set(k, System.nanoTime());
            sent.incrementAndGet();
            String error = triggerer.request("tools/call", trigger).join();
            if (error != null) run.measurements.failure("trigger: " + error);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (delivered.get() < expected && System.nanoTime() < deadline) Thread.sleep(10);
        LoadResult r = run.measurements.result(spec.scenario().label(), spec.targetText(), spec.operation(), subscribers.size(), Map.of());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("updates", updates);
        extra.put("subscribers", subscribers.size());
        extra.put("delivered", delivered.get());
        extra.put("expected", expected);
        extra.put("deliveredRatio", expected == 0 ? 0 : (double) delivered.get() / expected);
        extra.put("updateHz", spec.hz());
        return HttpScenarios.withExtra(r, extra);
    }
}
