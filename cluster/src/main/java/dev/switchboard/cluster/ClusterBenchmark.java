package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The figures the cluster's scaling model rests on, measured on a real 3-node NATS cluster started
 * here ({@code sb bench cluster}): the R3 publish-acknowledge latency (what the orchestration seed
 * called consensus finality; goal p99 under 100 ms), acknowledged publishes per second with a
 * window of publishes in flight, and the KV read a node pays when a session it never met arrives.
 * Prints figures and PASS/MISS; it asserts nothing.
 */
public final class ClusterBenchmark {
    private static final double FINALITY_GOAL_P99_MS = 100;

    private ClusterBenchmark() {
    }

    public static void run(boolean quick, PrintStream out) throws Exception {
        int samples = quick ? 500 : 3000;
        Duration window = Duration.ofSeconds(quick ? 3 : 10);
        try (LocalNats nats = LocalNats.start(3);
             NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(nats.urls()))) {
            Connection c = cluster.connection();
            JetStreamManagement jsm = c.jetStreamManagement();
            awaitJetStream(() -> jsm.addStream(StreamConfiguration.builder().name("SB_BENCH").subjects("sb.bench.>")
                    .storageType(StorageType.File).replicas(3).build()));
            JetStream js = c.jetStream();
            byte[] body = new byte[256];
            for (int i = 0; i < 200; i++) js.publish("sb.bench.warm", body);
            long[] acks = new long[samples];
            for (int i = 0; i < samples; i++) {
                long t = System.nanoTime();
                js.publish("sb.bench.lat", body);
                acks[i] = System.nanoTime() - t;
            }
            double rate = throughput(js, body, window);
            awaitJetStream(() -> c.keyValueManagement().create(KeyValueConfiguration.builder().name("sb-bench")
                    .storageType(StorageType.File).replicas(3).build()));
            KeyValue kv = c.keyValue("sb-bench");
            kv.put("session", new byte[600]);
            for (int i = 0; i < 200; i++) kv.get("session");
            long[] reads = new long[samples];
            for (int i = 0; i < samples; i++) {
                long t = System.nanoTime();
                kv.get("session");
                reads[i] = System.nanoTime() - t;
            }
            out.println("sb bench cluster: 3 nats-server " + c.getServerInfo().getVersion() + " processes on this machine, R3 file storage, 256-byte messages");
            out.printf(Locale.ROOT, "  R3 publish-acknowledge latency, one at a time (%d): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    samples, pct(acks, 50), pct(acks, 99), pct(acks, 100));
            out.printf(Locale.ROOT, "  acknowledged publishes/s, 256 in flight, %d s: %,.0f%n", window.toSeconds(), rate);
            out.printf(Locale.ROOT, "  KV read of a session record (a node's first look at a session) (%d): p50 %.3f ms, p99 %.3f ms%n",
                    samples, pct(reads, 50), pct(reads, 99));
            out.println();
            out.printf(Locale.ROOT, "  goal: R3 publish-ack p99 < %.0f ms ........ %s%n", FINALITY_GOAL_P99_MS,
                    pct(acks, 99) < FINALITY_GOAL_P99_MS ? "PASS" : "MISS");
            printGoals(nats, quick, out);
            out.println();
            BatchingBenchmark.run(nats, quick, out);
        }
        out.println();
        CodecBenchmark.run(quick, out);
    }

    /** Session lookup (cold and warm) and a killed node's task resume time, with their goals; shared with sb compare --cluster. */
    public static void printGoals(LocalNats nats, boolean quick, PrintStream out) throws Exception {
        ClusterFigures.SessionLookup lookup = ClusterFigures.sessionLookup(nats, quick ? 300 : 2000, quick ? 10 : 50);
        out.printf(Locale.ROOT, "  session lookup on a node that did not open the session, first look (KV read) (%d): p50 %.3f ms, p99 %.3f ms%n",
                lookup.cold().samples(), lookup.cold().p50(), lookup.cold().p99());
        out.printf(Locale.ROOT, "  session lookup warm (%,d): p50 %.4f ms, p99 %.4f ms, max %.3f ms%n",
                lookup.warm().samples(), lookup.warm().p50(), lookup.warm().p99(), lookup.warm().max());
        out.printf(Locale.ROOT, "  goal: session lookup p99 < 1 ms warm ...... %s%n", lookup.warm().p99() < 1 ? "PASS" : "MISS");
        long lease = 5_000;
        ClusterFigures.TaskResume resume = ClusterFigures.taskResume(nats, quick ? 50 : 200, lease);
        out.printf(Locale.ROOT, "  killed node's tasks resumed on another (%d of %d, lease = ack wait %d ms, death right after a renewal):"
                        + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                resume.resumed(), resume.tasks(), resume.ackWaitMs(), resume.resume().p50(), resume.resume().p99(), resume.resume().max());
        out.printf(Locale.ROOT, "    where it went, p50 / p99 ms: server redelivery after the last renewal %.0f / %.0f;"
                        + " redelivery to hand-out (fetch, record read) %.1f / %.1f; hand-out to claim stored %.1f / %.1f;"
                        + " tickets delivered again after the first redelivery: %d%n",
                resume.redelivery().p50(), resume.redelivery().p99(), resume.handOut().p50(), resume.handOut().p99(),
                resume.claim().p50(), resume.claim().p99(), resume.extraDeliveries());
        boolean all = resume.resumed() == resume.tasks() && resume.tasks() > 0;
        out.printf(Locale.ROOT, "  goal: task resume p99 <= ack wait + 100 ms (%d ms) ...... %s%s%n", resume.ackWaitMs() + 100,
                all && resume.resume().p99() <= resume.ackWaitMs() + 100 ? "PASS" : "MISS",
                all ? "" : " (" + (resume.tasks() - resume.resumed()) + " tasks not resumed)");
    }

    private static double throughput(JetStream js, byte[] body, Duration window) throws Exception {
        ArrayDeque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();
        long acked = 0;
        long end = System.nanoTime() + window.toNanos();
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            while (inFlight.size() < 256) inFlight.add(js.publishAsync("sb.bench.rate", body));
            inFlight.poll().get();
            acked++;
        }
        for (CompletableFuture<PublishAck> f : inFlight) {
            f.get();
            acked++;
        }
        return acked / ((System.nanoTime() - start) / 1e9);
    }

    private interface Setup {
        Object run() throws Exception;
    }

    // A cluster just started elects its JetStream leaders for a few seconds: retry until it has.
    private static void awaitJetStream(Setup setup) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                setup.run();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(250);
            }
        }
    }

    private static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1);
        return s[Math.max(0, i)] / 1e6;
    }
}
