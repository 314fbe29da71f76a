package dev.switchboard.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sb compare --health}: the operational endpoint under the load generator's plain-HTTP
 * scenarios, beside the Netty floor, in one run. Switchboard's {@code GET /health} and the floor's
 * {@code GET /health} (an empty 200) get sequential, 50 concurrent, a 500-request burst and a
 * fixed-rate sustained run, interleaved round by round; the verdict compares the concurrent
 * throughputs (median over rounds) against the goal of 90% of the floor.
 */
public final class HealthComparison {
    /** /health must reach this share of the floor's throughput. */
    static final double GOAL = 0.90;

    private HealthComparison() {}

    /**
     * @param sustainedFor how long the sustained run lasts (the issue asks for 30 s)
     * @param rate         the sustained run's fixed rate, requests per second
     * @return whether the goal was met
     */
    public static boolean run(Path root, int rounds, Duration sustainedFor, double rate, PrintStream out) throws IOException, InterruptedException {
        List<PeerProcess> running = new ArrayList<>();
        Map<String, List<LoadResult>> concurrent = new LinkedHashMap<>();
        boolean allOk = true;
        try {
            for (Peer peer : List.of(Peers.switchboard(root), Peers.floor(root))) {
                PeerProcess p = PeerProcess.start(peer, root.resolve("target/compare/health-" + peer.name() + ".log"), Duration.ofSeconds(60));
                running.add(p);
                concurrent.put(peer.name(), new ArrayList<>());
                out.println("sb compare --health: " + peer.name() + " on " + health(p) + " (pid " + p.pid() + ")");
                LoadGenerator.run(spec(Scenario.CONCURRENT, p, Duration.ofSeconds(3), rate), Progress.NONE); // warm-up
            }
            for (int round = 0; round < rounds; round++) {
                for (Scenario s : List.of(Scenario.SEQUENTIAL, Scenario.CONCURRENT, Scenario.BURST, Scenario.SUSTAINED)) {
                    for (int i = 0; i < running.size(); i++) {
                        PeerProcess p = running.get((i + round) % running.size());
                        LoadResult r = LoadGenerator.run(spec(s, p, s == Scenario.SUSTAINED ? sustainedFor : Duration.ofSeconds(5), rate), Progress.NONE);
                        if (s == Scenario.CONCURRENT) concurrent.get(p.peer().name()).add(r);
                        boolean ok = r.requests() == r.ok();
                        allOk &= ok;
                        out.printf(Locale.ROOT, "  round %d %-11s %-12s %9.0f ok/s  p50 %7.3f ms  p99 %8.3f ms  errors %d%s%n", round + 1, s.label(), p.peer().name(),
                                r.throughput(), r.latency().p50(), r.latency().p99(), r.requests() - r.ok(),
                                s == Scenario.SUSTAINED ? String.format(Locale.ROOT, "  degradation %.2f", r.extra().getOrDefault("degradationRatio", Double.NaN)) : "");
                    }
                }
            }
        } finally {
            running.forEach(PeerProcess::close);
        }
        double ours = Comparison.median(concurrent.get("switchboard").stream().mapToDouble(LoadResult::throughput).toArray());
        double floor = Comparison.median(concurrent.get("floor").stream().mapToDouble(LoadResult::throughput).toArray());
        boolean met = allOk && ours >= GOAL * floor;
        out.printf(Locale.ROOT, "%s GET /health throughput >= %.0f%% of the floor (50 connections, median of %d rounds): %.0f vs %.0f req/s = %.0f%%%s%n",
                met ? "PASS" : "MISS", GOAL * 100, rounds, ours, floor, 100 * ours / floor, allOk ? "" : " (some requests failed)");
        return met;
    }

    private static URI health(PeerProcess p) {
        return p.endpoint().resolve("/health");
    }

    private static LoadSpec spec(Scenario s, PeerProcess p, Duration d, double rate) {
        LoadSpec base = LoadSpec.of(s, health(p)).withTarget(health(p), p.pid()).withHttp("GET");
        int requests = switch (s) {
            case SEQUENTIAL -> 20_000;
            case BURST -> base.burst();
            default -> Integer.MAX_VALUE;
        };
        Duration duration = s == Scenario.SEQUENTIAL || s == Scenario.BURST ? Duration.ofMinutes(1) : d;
        return base.withRate(rate).closedLoop(s == Scenario.SEQUENTIAL ? 1 : 50, duration).withRequests(requests);
    }
}
