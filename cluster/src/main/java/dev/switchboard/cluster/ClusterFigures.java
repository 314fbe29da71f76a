package dev.switchboard.cluster;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.SessionDirectory;
import dev.switchboard.mcp.SessionRecord;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.spi.SessionHost;
import dev.switchboard.tasks.TaskIds;
import dev.switchboard.tasks.TaskRecord;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Two of the cluster's goals measured on real NATS servers ({@link LocalNats}), for
 * {@code sb bench cluster} and {@code sb compare --cluster}: a session lookup on a node that has
 * met the session (warm) and its first look (a KV read), and how long a killed node's tasks take
 * to be claimed by another node. Figures only; nothing here asserts.
 */
public final class ClusterFigures {
    /** Percentiles of one measurement, in milliseconds. */
    public record Percentiles(int samples, double p50, double p99, double max) {
        static Percentiles of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return new Percentiles(s.length, at(s, 50), at(s, 99), s.length == 0 ? 0 : s[s.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double p) {
            if (sorted.length == 0) return 0;
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    /** Session lookups on node B of sessions opened on node A: the first look (cold) and every later one (warm). */
    public record SessionLookup(Percentiles cold, Percentiles warm) {
    }

    /**
     * A killed node's tasks taken over by another: time from its last renewal (the in-progress
     * acknowledgement the server received) to the other node's claim, and the ack wait; then the
     * same time in stages: the server's redelivery (renewal to the redelivered ticket on the wire),
     * the hand-out (redelivery to {@code claimable} returning the task: the fetch and the record
     * read), the claim (hand-out to the claim stored; claims run concurrently, as the engine's do), and
     * how many times the server delivered a ticket again beyond the first redelivery (a ticket put
     * back because its claim looked alive).
     */
    public record TaskResume(Percentiles resume, long ackWaitMs, int tasks, int resumed,
                             Percentiles redelivery, Percentiles handOut, Percentiles claim, int extraDeliveries) {
    }

    private ClusterFigures() {
    }

    /** Opens {@code sessions} sessions on one node and looks each up on another: once cold, then {@code warmRounds} times warm. */
    public static SessionLookup sessionLookup(LocalNats nats, int sessions, int warmRounds) {
        ClusterSettings settings = ClusterSettings.of(nats.urls());
        try (NatsCluster a = NatsCluster.connect(settings); NatsCluster b = NatsCluster.connect(settings)) {
            SessionDirectory directoryA = a.sessionDirectory();
            McpServer serverB = McpServer.builder("lookup-b", "1").sessionDirectory(b.sessionDirectory()).build();
            List<String> ids = new ArrayList<>();
            var random = new java.security.SecureRandom();
            for (int i = 0; i < sessions; i++) {
                // what node A saves when a client initializes there
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                directoryA.save(new SessionRecord(id, "2025-11-25", new Implementation("bench-client", null, "1", null, null, null),
                        ClientCapabilities.none(), LoggingLevel.INFO, Set.of("file:///srv/a.txt"), "streamable-http", System.currentTimeMillis()));
                ids.add(id);
            }
            SessionHost hostB = serverB.sessionHost();
            long[] cold = new long[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                long t = System.nanoTime();
                if (hostB.find(ids.get(i)) == null) throw new IllegalStateException("node B did not find session " + ids.get(i));
                cold[i] = System.nanoTime() - t;
            }
            long[] warm = new long[ids.size() * warmRounds];
            int n = 0;
            for (int r = 0; r < warmRounds; r++) {
                for (String id : ids) {
                    long t = System.nanoTime();
                    if (hostB.find(id) == null) throw new IllegalStateException("node B lost session " + id);
                    warm[n++] = System.nanoTime() - t;
                }
            }
            serverB.close();
            return new SessionLookup(Percentiles.of(cold), Percentiles.of(warm));
        }
    }

    /**
     * Node X claims {@code count} tasks, renews them all and dies at once (its connection dropped,
     * nothing acknowledged: what JetStream sees of a kill -9); node Y polls as an engine does and
     * claims each when it comes back. The worst case: death right after a renewal. A watcher on
     * Y's pull inbox times each redelivery as the server sends it ({@link DeliveryWatch}).
     */
    public static TaskResume taskResume(LocalNats nats, int count, long leaseMs) throws Exception {
        ClusterCodec codec = ClusterCodec.standard();
        int replicas = nats.size() >= 3 ? 3 : 1;
        String[] urls = nats.urls().split(",");
        Connection cx = Nats.connect(new Options.Builder().server(urls[0]).errorListener(new LoggedNatsErrors()).build());
        try (Connection cy = Nats.connect(new Options.Builder().server(urls[urls.length - 1]).inboxPrefix(RESUME_INBOX)
                .errorListener(new LoggedNatsErrors()).build());
             Connection cw = Nats.connect(urls[urls.length - 1]);
             DeliveryWatch watch = DeliveryWatch.on(cw, RESUME_INBOX)) {
            JetStreamTaskStore x = open(cx, replicas, leaseMs, codec);
            JetStreamTaskStore y = open(cy, replicas, leaseMs, codec);
            long now = System.currentTimeMillis();
            Set<String> created = new HashSet<>();
            for (int i = 0; i < count; i++) {
                TaskRecord r = TaskRecord.created(TaskIds.next(), "", "bench", "{}", now, 3_600_000L, 1000, true);
                x.create(r);
                created.add(r.id());
            }
            List<TaskRecord> held = new ArrayList<>();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (held.size() < count && System.nanoTime() < deadline) {
                long t = System.currentTimeMillis();
                for (TaskRecord r : x.claimable(t, count - held.size())) {
                    if (created.contains(r.id())) x.compareAndSet(r.revision(), r.claimed("node-x", t + leaseMs, t)).ifPresent(held::add);
                }
            }
            Map<String, Long> died = new HashMap<>();
            for (TaskRecord r : held) {
                long t = System.currentTimeMillis();
                Optional<TaskRecord> renewed = x.compareAndSet(r.revision(), r.renewed(t + leaseMs, t)); // sends the in-progress ack too
                if (renewed.isPresent()) died.put(r.id(), System.nanoTime());
            }
            cx.flush(java.time.Duration.ofSeconds(2));
            cx.close(); // node X is gone: its tickets stay unacknowledged
            Stages stages = new Stages(died.size());
            deadline = System.nanoTime() + (3 * leaseMs + 10_000) * 1_000_000L;
            try (ExecutorService claims = Executors.newVirtualThreadPerTaskExecutor()) {
                while (stages.count() < died.size() && System.nanoTime() < deadline) {
                    long t = System.currentTimeMillis();
                    List<TaskRecord> batch = y.claimable(t, died.size());
                    long handedOut = System.nanoTime();
                    for (TaskRecord r : batch) {
                        Long since = died.get(r.id());
                        if (since == null) continue;
                        // as TaskEngine.takeOver does: each claim on its own thread, the loop back to the queue at once
                        claims.execute(() -> {
                            if (y.compareAndSet(r.revision(), r.claimed("node-y", t + leaseMs, t)).isPresent()) {
                                Long redelivered = watch.firstRedelivery(r.id());
                                stages.add(since, redelivered == null ? handedOut : redelivered, handedOut, System.nanoTime(),
                                        Math.max(0, watch.redeliveries(r.id()) - 1));
                            }
                        });
                    }
                }
            }
            y.close();
            return stages.figures(leaseMs, died.size());
        } finally {
            if (cx.getStatus() != Connection.Status.CLOSED) cx.close();
        }
    }

    private static final String RESUME_INBOX = "_SB_RESUME";

    // Per claimed task: the whole resume and its three stages, in nanoseconds.
    private static final class Stages {
        final long[] total;
        final long[] redelivery;
        final long[] handOut;
        final long[] claim;
        int n;
        int extra;

        Stages(int size) {
            total = new long[size];
            redelivery = new long[size];
            handOut = new long[size];
            claim = new long[size];
        }

        synchronized int count() {
            return n;
        }

        synchronized void add(long renewed, long redelivered, long handedOut, long claimed, int extraDeliveries) {
            total[n] = claimed - renewed;
            redelivery[n] = redelivered - renewed;
            handOut[n] = handedOut - redelivered;
            claim[n] = claimed - handedOut;
            extra += extraDeliveries;
            n++;
        }

        synchronized TaskResume figures(long leaseMs, int tasks) {
            return new TaskResume(Percentiles.of(Arrays.copyOf(total, n)), leaseMs, tasks, n,
                    Percentiles.of(Arrays.copyOf(redelivery, n)), Percentiles.of(Arrays.copyOf(handOut, n)),
                    Percentiles.of(Arrays.copyOf(claim, n)), extra);
        }
    }

    private static JetStreamTaskStore open(Connection c, int replicas, long leaseMs, ClusterCodec codec) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                return JetStreamTaskStore.open(c, replicas, leaseMs, codec);
            } catch (Exception e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(250); // JetStream leaders are being elected
            }
        }
    }
}
