package dev.switchboard.load;

import dev.switchboard.client.McpClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code ./sb compare --transports}: {@code tools/call} throughput and latency of one Switchboard
 * server over each of its transports (stdio, TCP, WebSocket, Streamable HTTP, legacy HTTP+SSE),
 * in interleaved rounds so drift on a shared machine spreads over all of them, printed as one
 * table with the goals (WebSocket and TCP at least 1.2x Streamable HTTP's calls/s).
 *
 * <p>The server is {@code sb serve} (the demo, its non-blocking {@code add} tool) in its own JVM:
 * one process for the network transports, one more for stdio. The generator is
 * {@link McpClient} in this JVM, the same client code over every transport: {@code connections}
 * sessions (stdio has one session, shared by as many callers), each a virtual thread calling in a
 * closed loop. Both sides share the machine's cores, so the figures compare transports, not a
 * server against an ideal client.
 */
public final class TransportComparison {
    /**
     * What to run.
     *
     * @param warmup how long each transport runs in the discarded first pass
     */
    public record Options(Path root, int rounds, int connections, Duration duration, Duration warmup) {}

    private static final List<String> TRANSPORTS = List.of("stdio", "tcp", "websocket", "streamable-http", "legacy-sse");
    private static final double GOAL = 1.2;

    private record Totals(LongAdder calls, LongAdder errors, Histogram latency, List<Double> rates) {}

    private TransportComparison() {}

    /** Runs the comparison and prints its table and goals; {@code true} when every goal passes. */
    public static boolean run(Options o, PrintStream out) throws IOException, InterruptedException {
        int tcpPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            tcpPort = probe.getLocalPort();
        }
        Path logs = o.root().resolve("target/compare");
        Peer net = new Peer("switchboard-transports", "sb serve with every transport", o.root(),
                Peers.switchboardServe("--port", "0", "--tcp-port", Integer.toString(tcpPort)), List.of(), List.of(), false);
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (String t : TRANSPORTS) totals.put(t, new Totals(new LongAdder(), new LongAdder(), new Histogram(3), new ArrayList<>()));
        out.printf("transports: %d connections, %d round(s) of %d s each, interleaved; generator McpClient in this JVM, server sb serve (demo, tool add)%n",
                o.connections(), o.rounds(), o.duration().toSeconds());
        Map<String, List<McpClient>> clients = new LinkedHashMap<>();
        try (PeerProcess server = PeerProcess.start(net, logs.resolve("transports-server.log"), Duration.ofSeconds(60))) {
            URI http = server.endpoint();
            String authority = http.getHost() + ":" + http.getPort();
            // every transport's sessions stay open for the whole run: the stdio server is started once, like the other
            for (String t : TRANSPORTS) clients.put(t, open(t, authority, tcpPort, o.connections()));
            // a discarded pass first: both JVMs compile the paths of every transport before any is measured
            for (String t : TRANSPORTS) {
                Totals discard = new Totals(new LongAdder(), new LongAdder(), new Histogram(3), new ArrayList<>());
                out.printf("  warm-up  %-16s %,10.0f calls/s (not counted)%n", t, measure(clients.get(t), o.connections(), o.warmup(), discard));
            }
            for (int round = 1; round <= o.rounds(); round++) {
                for (String t : TRANSPORTS) {
                    Totals into = totals.get(t);
                    double rate = measure(clients.get(t), o.connections(), o.duration(), into);
                    into.rates().add(rate);
                    out.printf("  round %d  %-16s %,10.0f calls/s%n", round, t, rate);
                }
            }
        } finally {
            clients.values().forEach(cs -> cs.forEach(McpClient::close));
        }
        out.println();
        out.print(table(totals, o.connections()));
        return goals(totals, out);
    }

    /** {@code connections} initialized sessions over {@code transport} (stdio: one, in a server process of its own). */
    private static List<McpClient> open(String transport, String authority, int tcpPort, int connections) {
        List<McpClient> clients = new ArrayList<>();
        int sessions = transport.equals("stdio") ? 1 : connections;
        for (int i = 0; i < sessions; i++) {
            McpClient.Builder b = McpClient.builder().requestTimeout(Duration.ofSeconds(30));
            McpClient c = switch (transport) {
                case "stdio" -> b.stdio(Peers.switchboardServe("--stdio"));
                case "tcp" -> b.tcp("127.0.0.1", tcpPort);
                case "websocket" -> b.webSocket(URI.create("ws://" + authority + "/mcp/ws"));
                case "streamable-http" -> b.http(URI.create("http://" + authority + "/mcp"));
                case "legacy-sse" -> b.legacySse(URI.create("http://" + authority + "/sse"));
                default -> throw new IllegalArgumentException(transport);
            };
            clients.add(c);
            c.initialize();
        }
        return clients;
    }

    /** One measured run over {@code clients}; returns its calls/s and adds its latencies to {@code into}. */
    private static double measure(List<McpClient> clients, int callers, Duration d, Totals into) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        LongAdder calls = new LongAdder();
        long start = System.nanoTime();
        drive(clients, callers, d, recorder, calls, into.errors());
        double seconds = (System.nanoTime() - start) / 1e9;
        into.latency().add(recorder.getIntervalHistogram());
        into.calls().add(calls.sum());
        return calls.sum() / seconds;
    }

    /** {@code callers} virtual threads call {@code add} in a closed loop for {@code d}, spread over the clients. */
    static void drive(List<McpClient> clients, int callers, Duration d, Recorder recorder, LongAdder calls, LongAdder errors)
            throws InterruptedException {
        long deadline = System.nanoTime() + d.toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        Map<String, Integer> args = Map.of("a", 2, "b", 3);
        for (int i = 0; i < callers; i++) {
            McpClient client = clients.get(i % clients.size());
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get() && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        client.callTool("add", args);
                        if (recorder != null) {
                            recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                            calls.increment();
                        }
                    } catch (RuntimeException e) {
                        if (errors != null) errors.increment();
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
    }

    private static String table(Map<String, Totals> totals, int connections) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-16s %11s %12s %10s %10s %10s %8s%n", "transport", "connections", "calls/s", "p50 ms", "p99 ms", "max ms", "errors"));
        totals.forEach((t, x) -> sb.append(String.format("%-16s %11d %,12.0f %10.2f %10.2f %10.2f %8d%n", t, t.equals("stdio") ? 1 : connections,
                mean(x.rates()), x.latency().getValueAtPercentile(50) / 1000.0, x.latency().getValueAtPercentile(99) / 1000.0,
                x.latency().getMaxValue() / 1000.0, x.errors().sum())));
        return sb.toString();
    }

    private static boolean goals(Map<String, Totals> totals, PrintStream out) {
        double http = mean(totals.get("streamable-http").rates());
        boolean all = true;
        out.println();
        out.println("goals:");
        for (String t : List.of("websocket", "tcp")) {
            double ratio = http == 0 ? 0 : mean(totals.get(t).rates()) / http;
            boolean pass = ratio >= GOAL;
            all &= pass;
            out.printf("  %-10s >= %.1fx streamable-http calls/s: %.2fx  %s%n", t, GOAL, ratio, pass ? "PASS" : "MISS");
        }
        return all;
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
