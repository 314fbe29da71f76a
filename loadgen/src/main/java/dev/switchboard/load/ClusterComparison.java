package dev.switchboard.load;

import dev.switchboard.client.McpClient;
import dev.switchboard.cluster.ClusterBenchmark;
import dev.switchboard.cluster.LocalNats;
import dev.switchboard.cluster.RoundRobinBalancer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code ./sb compare --cluster}: the same session-era {@code tools/call} load against one
 * {@code sb serve} and against three {@code sb serve} nodes joined to three NATS servers (R3)
 * behind {@link RoundRobinBalancer} (each request to the next node), all on this machine, in
 * interleaved rounds; prints both, the ratio and PASS/MISS against the 70%, then the
 * session lookup and task resume goals ({@link ClusterBenchmark#printGoals}). Both set-ups share
 * the machine's cores with the generator, so the ratio, not the absolute rate, is the figure.
 */
public final class ClusterComparison {
    /** What to run: {@code connections} sessions calling in a closed loop for {@code duration} per round. */
    public record Options(Path root, boolean quick, int rounds, int connections, Duration duration, Duration warmup) {
    }

    private static final double GOAL = 0.70;

    private record Totals(List<Double> rates, Histogram latency, LongAdder errors, CpuAccount cpu, long[] natsMessages) {
        static Totals empty() {
            return new Totals(new ArrayList<>(), new Histogram(3), new LongAdder(), new CpuAccount(), new long[1]);
        }
    }

    private static final String GENERATOR = "load generator (its JVM, less the balancer)";

    private ClusterComparison() {
    }

    /** Runs it; {@code true} when every goal passes. */
    public static boolean run(Options o, PrintStream out) throws Exception {
        Path logs = o.root().resolve("target/compare");
        out.printf(Locale.ROOT, "cluster: %d sessions calling tools/call add in a closed loop, %d round(s) of %d s, interleaved;"
                + " single = 1 sb serve, cluster = 3 sb serve + 3 nats-server (R3) behind the round-robin balancer%n",
                o.connections(), o.rounds(), o.duration().toSeconds());
        Totals single = Totals.empty();
        Totals cluster = Totals.empty();
        List<PeerProcess> nodes = new ArrayList<>();
        List<McpClient> singleClients = new ArrayList<>();
        List<McpClient> clusterClients = new ArrayList<>();
        RoundRobinBalancer balancer = null;
        try (LocalNats nats = LocalNats.start(3);
             PeerProcess alone = PeerProcess.start(peer(o.root(), "single", List.of()), logs.resolve("cluster-single.log"), Duration.ofSeconds(60))) {
            List<InetSocketAddress> backends = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                PeerProcess p = PeerProcess.start(peer(o.root(), "node-" + i, List.of("--set", "cluster.nats=" + nats.urls(),
                        "--set", "tasks.dir=target/compare/cluster-node-" + i)), logs.resolve("cluster-node-" + i + ".log"), Duration.ofSeconds(90));
                nodes.add(p);
                backends.add(new InetSocketAddress(p.endpoint().getHost(), p.endpoint().getPort()));
            }
            balancer = RoundRobinBalancer.start(backends, 0);
            single.cpu().add(GENERATOR, CpuAccount.thisJvmExcept(RoundRobinBalancer.THREAD_PREFIX))
                    .add("sb serve (the single node)", CpuAccount.process(alone.pid()));
            cluster.cpu().add(GENERATOR, CpuAccount.thisJvmExcept(RoundRobinBalancer.THREAD_PREFIX))
                    .add("balancer (its event-loop threads)", CpuAccount.threads(RoundRobinBalancer.THREAD_PREFIX));
            for (int i = 0; i < nodes.size(); i++) cluster.cpu().add("sb serve node-" + i, CpuAccount.process(nodes.get(i).pid()));
            for (int i = 0; i < nats.size(); i++) cluster.cpu().add("nats-server " + i, CpuAccount.process(nats.pid(i)));
            NatsMessages natsMessages = new NatsMessages(nats);
            singleClients.addAll(open(alone.endpoint(), o.connections()));
            clusterClients.addAll(open(URI.create("http://127.0.0.1:" + balancer.port() + "/mcp"), o.connections()));
            // Equal warm-up per JVM: each of the 3 nodes gets as many warm-up calls as the single
            // node did (so the cluster as a whole 3 times as many), within 4 times the warm-up time.
            Totals warmSingle = Totals.empty();
            out.printf(Locale.ROOT, "  warm-up  single   %,10.0f calls/s (not counted)%n", measure(singleClients, o.warmup(), warmSingle, natsMessages));
            long singleWarmCalls = warmSingle.cpu().calls();
            Totals warmCluster = Totals.empty();
            long warmDeadline = System.nanoTime() + 4 * o.warmup().toNanos();
            while (warmCluster.cpu().calls() < 3 * singleWarmCalls && System.nanoTime() < warmDeadline) {
                measure(clusterClients, Duration.ofSeconds(1), warmCluster, natsMessages);
            }
            out.printf(Locale.ROOT, "  warm-up  cluster  %,10.0f calls/s (not counted; %,d calls, the single node had %,d: about as many per node)%n",
                    mean(warmCluster.rates()), warmCluster.cpu().calls(), singleWarmCalls);
            long idleStart = natsMessages.received();
            long idleNanos = System.nanoTime();
            Thread.sleep(2_000);
            double idleRate = (natsMessages.received() - idleStart) / ((System.nanoTime() - idleNanos) / 1e9);
            for (int r = 1; r <= o.rounds(); r++) {
                out.printf(Locale.ROOT, "  round %d  single   %,10.0f calls/s%n", r, measure(singleClients, o.duration(), single, natsMessages));
                out.printf(Locale.ROOT, "  round %d  cluster  %,10.0f calls/s%n", r, measure(clusterClients, o.duration(), cluster, natsMessages));
            }
            singleClients.forEach(McpClient::close);
            clusterClients.forEach(McpClient::close);
            balancer.close();
            balancer = null;
            nodes.forEach(PeerProcess::close);
            nodes.clear();
            out.println();
            out.printf(Locale.ROOT, "%-46s %12s %9s %9s %8s%n", "set-up", "calls/s", "p50 ms", "p99 ms", "errors");
            row(out, "single node (sb serve)", single);
            row(out, "3 nodes + 3 NATS (R3) behind the balancer", cluster);
            double ratio = mean(cluster.rates()) / mean(single.rates());
            out.println();
            CpuAccount.print(out, "single", single.cpu(), "cluster", cluster.cpu());
            out.printf(Locale.ROOT, "NATS messages received by the servers (routes included): %,.1f per 1,000 calls in the cluster rounds"
                    + " (%,d over %,d calls); %,.1f per 1,000 calls during the single-node rounds; %,.1f/s with no load%n",
                    perThousand(cluster), cluster.natsMessages()[0], cluster.cpu().calls(), perThousand(single), idleRate);
            out.println();
            out.printf(Locale.ROOT, "  goal: cluster keeps >= %.0f%% of single-node tools/call throughput ...... %s (%.0f%%)%n",
                    GOAL * 100, ratio >= GOAL ? "PASS" : "MISS", ratio * 100);
            ClusterBenchmark.printGoals(nats, o.quick(), out);
            return ratio >= GOAL;
        } finally {
            singleClients.forEach(ClusterComparison::quietly);
            clusterClients.forEach(ClusterComparison::quietly);
            if (balancer != null) balancer.close();
            nodes.forEach(PeerProcess::close);
        }
    }

    private static Peer peer(Path root, String name, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(extra);
        return new Peer("switchboard-" + name, "sb serve (" + name + ")", root, Peers.switchboardServe(args.toArray(String[]::new)),
                List.of(), List.of(), false);
    }

    private static List<McpClient> open(URI endpoint, int sessions) {
        List<McpClient> clients = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            McpClient c = McpClient.builder().requestTimeout(Duration.ofSeconds(30)).http(endpoint);
            clients.add(c);
            c.initialize();
        }
        return clients;
    }

    // One virtual thread per session calling add in a closed loop; returns calls/s and adds latencies to into.
    private static double measure(List<McpClient> clients, Duration d, Totals into, NatsMessages nats) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        long natsBefore = nats.received();
        Map<String, Long> cpuBefore = into.cpu().read();
        LongAdder calls = new LongAdder();
        long start = System.nanoTime();
        long deadline = start + d.toNanos();
        Map<String, Integer> args = Map.of("a", 2, "b", 3);
        List<Thread> threads = new ArrayList<>();
        for (McpClient client : clients) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        client.callTool("add", args);
                        recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                        calls.increment();
                    } catch (RuntimeException e) {
                        into.errors().increment();
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        double rate = calls.sum() / ((System.nanoTime() - start) / 1e9);
        into.cpu().record(cpuBefore, calls.sum());
        long natsAfter = nats.received();
        into.natsMessages()[0] += natsBefore < 0 || natsAfter < 0 ? 0 : natsAfter - natsBefore;
        into.latency().add(recorder.getIntervalHistogram());
        into.rates().add(rate);
        return rate;
    }

    private static void row(PrintStream out, String name, Totals t) {
        out.printf(Locale.ROOT, "%-46s %,12.0f %9.2f %9.2f %8d%n", name, mean(t.rates()),
                t.latency().getValueAtPercentile(50) / 1000.0, t.latency().getValueAtPercentile(99) / 1000.0, t.errors().sum());
    }

    private static double perThousand(Totals t) {
        return t.cpu().calls() == 0 ? 0 : t.natsMessages()[0] / (t.cpu().calls() / 1000.0);
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static void quietly(McpClient c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
