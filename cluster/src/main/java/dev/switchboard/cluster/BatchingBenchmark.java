package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * Why: batching is worth its added latency only if it buys throughput the cluster needs. This
 * measures the notification fan-out both ways between two NATS servers of the local cluster (one
 * node publishing on one server, another receiving on the next, so every message crosses a route):
 * one NATS message per event as NotificationBridge sends them, and NotifyBatching's 100-or-10-ms
 * batches of the same events, each in ClusterCodec's encoding. Part of `sb bench cluster`.
 */
final class BatchingBenchmark {
    private static final String SUBJECT = "sb.bench.notify";
    private static final String URI = "file:///srv/project/src/main/java/dev/example/OrderService.java";

    /** One event in a batch: its path, body and send time (for the latency). */
    record Event(String path, String body, long sentNanos) {
    }

    private BatchingBenchmark() {
    }

    static void run(LocalNats nats, boolean quick, PrintStream out) throws Exception {
        String[] urls = nats.urls().split(",");
        int count = quick ? 20_000 : 100_000;
        int rate = 2_000;
        int paced = quick ? 2_000 : 6_000;
        ClusterCodec codec = ClusterCodec.standard();
        try (Connection pub = Nats.connect(urls[0]); Connection sub = Nats.connect(urls[1 % urls.length])) {
            out.println("notification fan-out, one NATS message per event vs batches of ≤ 100 events or ≤ 10 ms (route between 2 servers):");
            double[] max = new double[2];
            double[] extraP50 = new double[1];
            for (boolean batched : new boolean[] {false, true}) {
                double perSecond = flood(pub, sub, codec, batched, count, Integer.MAX_VALUE).rate;
                max[batched ? 1 : 0] = perSecond;
                Result r = flood(pub, sub, codec, batched, paced, rate);
                extraP50[0] = batched ? pct(r.latencies, 50) - extraP50[0] : pct(r.latencies, 50);
                out.printf(Locale.ROOT, "  %-10s max %,9.0f events/s (%,d events) | at %,d events/s: latency p50 %.2f ms, p99 %.2f ms, %d NATS messages for %d events%n",
                        batched ? "batched" : "unbatched", perSecond, count, rate, pct(r.latencies, 50), pct(r.latencies, 99), r.messages, paced);
            }
            out.printf(Locale.ROOT, "  batching: %.2f× the unbatched maximum, for %.1f ms more median latency; the bridge sends one message per event"
                    + " (its events, resource updates and list changes, come far below the unbatched maximum)%n", max[1] / max[0], extraP50[0]);
        }
    }

    private record Result(double rate, long[] latencies, int messages) {
    }

    private static Result flood(Connection pub, Connection sub, ClusterCodec codec, boolean batched, int count, int perSecond) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger received = new AtomicInteger();
        AtomicInteger messages = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        Dispatcher d = sub.createDispatcher(m -> {
            messages.incrementAndGet();
            long now = System.nanoTime();
            if (batched) {
                Event[] events = codec.decode(m.getData(), Event[].class);
                for (Event e : events) record(latencies, received, now - e.sentNanos(), count, done);
            } else {
                long sent = Long.parseLong(m.getHeaders().getFirst("Sb-T"));
                codec.decode(m.getData(), String.class);
                record(latencies, received, now - sent, count, done);
            }
        });
        d.subscribe(SUBJECT);
        sub.flush(java.time.Duration.ofSeconds(2));
        pub.flush(java.time.Duration.ofSeconds(2));
        Thread.sleep(200); // the subscription's interest crosses the route
        long start = System.nanoTime();
        long gapNanos = perSecond == Integer.MAX_VALUE ? 0 : 1_000_000_000L / perSecond;
        try (NotifyBatching<Event> batches = new NotifyBatching<>(100, 10,
                list -> pub.publish(SUBJECT, header(codec), codec.encode(list)))) {
            for (int i = 0; i < count; i++) {
                if (gapNanos > 0) while (System.nanoTime() < start + i * gapNanos) Thread.onSpinWait();
                long now = System.nanoTime();
                if (batched) {
                    batches.add(new Event("mcp://notify/resource-updated", URI, now));
                } else {
                    pub.publish(SUBJECT, header(codec).put("Sb-T", Long.toString(now)), codec.encode(URI));
                }
            }
        }
        pub.flush(java.time.Duration.ofSeconds(5));
        boolean all = done.await(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        sub.closeDispatcher(d);
        if (!all) throw new IllegalStateException("only " + received.get() + " of " + count + " events arrived in 30 s");
        return new Result(count / seconds, latencies, messages.get());
    }

    private static Headers header(ClusterCodec codec) {
        return new Headers().put("Sb-Node", "bench").put("Sb-Path", "mcp://notify/resource-updated").put(ClusterCodec.HEADER, codec.name());
    }

    private static void record(long[] latencies, AtomicInteger received, long nanos, int count, CountDownLatch done) {
        int i = received.getAndIncrement();
        if (i < count) latencies[i] = nanos;
        if (i + 1 == count) done.countDown();
    }

    private static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1);
        return s[Math.max(0, i)] / 1e6;
    }
}
