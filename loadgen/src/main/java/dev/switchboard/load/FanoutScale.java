package dev.switchboard.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code ./sb load fanout --scale}: S subscribers (10,000 by default) to one resource, over
 * WebSocket and over Streamable HTTP GET streams in turn, against an {@code sb serve} of its own
 * (-Xmx1g). Rates step up (1, 2, 5, 10, 20, 50 … Hz below the target, each step bounded in time,
 * then one step between the last pass and the first miss); a step passes when every notification
 * arrived and p99 delivery latency is under 50 ms (after an unmeasured warm-up at 1 Hz). The target rate runs last (its backlog cannot
 * spoil a later step) and is judged PASS/MISS. Each step also gives the server's CPU time over
 * delivered events, so the rate a bigger machine carries can be computed from it. When no rate
 * passes with every subscriber, the search runs again with a tenth of them on a fresh server, so
 * the run still names a rate delivered within the goal's latency.
 *
 * <p>The updates are {@code ticker_touch} calls sent by one more WebSocket session, for both
 * transports: the trigger's transport does not matter, the subscribers' does.
 */
public final class FanoutScale {
    /**
     * What to run.
     *
     * @param transports some of "websocket", "streamable-http"
     * @param step       how long each step sends updates
     * @param eventLoops the generator's event loops (its connections share them)
     * @param serverSettings KEY=VALUE configuration for the server ({@code --set}), e.g. {@code http.replayEvents=16}
     */
    public record Options(Path root, List<String> transports, int subscribers, double targetHz, Duration step, int eventLoops, List<String> serverSettings) {}

    static final double P99_GOAL_MS = 50;
    private static final String RESOURCE = "switchboard://demo/ticker";
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"ticker_touch\",\"arguments\":{}}}";

    /** A measured step. */
    record Result(double hz, long delivered, long expected, double p99Ms, double maxMs, double serverCpuNsPerEvent, double generatorCpuNsPerEvent,
                  long unexpected, int open) {
        boolean passed() {
            return expected > 0 && delivered == expected && unexpected == 0 && p99Ms < P99_GOAL_MS;
        }
    }

    private FanoutScale() {}

    /** Runs every transport of {@code o}, prints each step and the verdicts; {@code true} when every target step passed. */
    public static boolean run(Options o, PrintStream out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Peers.switchboardServe("--port", "0",
                "--set", "http.maxConnections=1000000", "--set", "http.maxConnectionsPerAddress=1000000"));
        command.add(1, "-Xmx1g");
        for (String setting : o.serverSettings()) command.addAll(List.of("--set", setting));
        Peer peer = new Peer("switchboard-fanout", "sb serve -Xmx1g for the fanout scale run", o.root(), command, List.of(), List.of(), false);
        boolean all = true;
        for (String transport : o.transports()) {
            // a fresh server per transport, so one's stragglers and garbage do not load the other's steps
            double best;
            try (PeerProcess server = PeerProcess.start(peer, o.root().resolve("target/load/fanout-scale-server.log"), Duration.ofSeconds(60))) {
                best = transport(transport, server, o, o.subscribers(), true, out);
            }
            all &= best == o.targetHz();
            // no rate passed with every subscriber: the search again with a tenth of them, on a server of its own (the
            // target step's backlog would spoil it), so the run still names a rate delivered within the goal's latency
            if (best == 0 && o.subscribers() >= 100) {
                try (PeerProcess server = PeerProcess.start(peer, o.root().resolve("target/load/fanout-scale-server.log"), Duration.ofSeconds(60))) {
                    transport(transport, server, o, o.subscribers() / 10, false, out);
                }
            }
        }
        return all;
    }

    /**
     * One transport against {@code server} with {@code n} subscribers: the warm-up, the search and, when
     * {@code withTarget}, the target step and the summary. Answers the highest rate that passed (the
     * target's when it passed; 0: none, or the run could not start).
     */
    private static double transport(String transport, PeerProcess server, Options o, int n, boolean withTarget, PrintStream out) throws InterruptedException {
        URI http = server.endpoint();
        URI ws = URI.create("ws://" + http.getHost() + ":" + http.getPort() + "/mcp/ws");
        if (withTarget)
            out.printf("%n%s: %,d subscribers, target %.0f Hz (%,.0f events/s), steps of %d s; server pid %d (-Xmx1g%s), generator %d event loop(s) in this JVM%n",
                    transport, n, o.targetHz(), n * o.targetHz(), o.step().toSeconds(), server.pid(),
                    o.serverSettings().isEmpty() ? "" : ", " + String.join(", ", o.serverSettings()), o.eventLoops());
        else
            out.printf("  no step passed with %,d subscribers: the search again with %,d, on a fresh server (pid %d)%n", o.subscribers(), n, server.pid());
        try (FanoutSubscribers subs = FanoutSubscribers.open(transport, http, ws, RESOURCE, n, o.eventLoops());
             WsClients triggers = new WsClients(ws, 1, Duration.ofSeconds(10))) {
            out.printf("  subscribed: %,d of %,d in %.1f s%s%n", subs.count(), n, subs.setupSeconds(),
                    subs.firstError() == null ? "" : " (first error: " + subs.firstError() + ")");
            if (subs.count() == 0) return 0;
            WsSession trigger = triggers.open(null, null, null).get(10, TimeUnit.SECONDS);
            out.printf("  %8s %14s %14s %9s %9s %10s %15s %15s  %s%n", "Hz", "delivered", "expected", "p99 ms", "max ms", "events/s", "server ns/event", "gen. ns/event", "verdict");
            // both JVMs compile the fanout path before anything is measured
            step(Math.min(1, o.targetHz()), subs, trigger, server.pid(), Duration.ofSeconds(3), out, "warm-up, not counted");
            List<Result> results = new ArrayList<>();
            double lastPass = search(o, subs, trigger, server.pid(), results, out);
            if (!withTarget) {
                out.printf("  highest rate at 100%% with p99 < %.0f ms with %,d subscribers: %s%n", P99_GOAL_MS, subs.count(),
                        lastPass > 0 ? String.format("%.0f Hz x %,d = %,.0f events/s", lastPass, subs.count(), lastPass * subs.count()) : "none of the steps");
                return lastPass;
            }
            Result target = results.stream().filter(r -> r.hz() == o.targetHz()).findFirst().orElse(null);
            if (target == null) target = step(o.targetHz(), subs, trigger, server.pid(), o.step(), out);
            summarize(transport, o, subs.count(), target, lastPass, results, out);
            return target.passed() ? o.targetHz() : lastPass;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            out.println("  MISS: the trigger session could not open: " + Outcome.of(e));
            return 0;
        }
    }

    /** Steps up the ladder to the first miss, then once between the last pass and it; answers the highest rate that passed (0: none). */
    private static double search(Options o, FanoutSubscribers subs, WsSession trigger, long pid, List<Result> results, PrintStream out)
            throws InterruptedException {
        double lastPass = 0;
        double firstMiss = 0;
        for (double hz : ladder(o.targetHz())) {
            Result r = step(hz, subs, trigger, pid, o.step(), out);
            results.add(r);
            if (r.passed()) lastPass = hz;
            else {
                firstMiss = hz;
                break;
            }
        }
        if (firstMiss > 0 && lastPass > 0 && firstMiss / lastPass > 1.3) {
            double mid = Math.round((lastPass + firstMiss) / 2);
            Result r = step(mid, subs, trigger, pid, o.step(), out);
            results.add(r);
            if (r.passed()) lastPass = mid;
        }
        return lastPass;
    }

    /** 1, 2, 5, 10, 20, 50 … below the target; the target itself runs after the search. */
    static List<Double> ladder(double target) {
        List<Double> out = new ArrayList<>();
        for (double decade = 1; decade < target; decade *= 10)
            for (double m : new double[] {1, 2, 5}) if (decade * m < target) out.add(decade * m);
        return out;
    }

    private static Result step(double hz, FanoutSubscribers subs, WsSession trigger, long pid, Duration d, PrintStream out) throws InterruptedException {
        return step(hz, subs, trigger, pid, d, out, null);
    }

    private static Result step(double hz, FanoutSubscribers subs, WsSession trigger, long pid, Duration d, PrintStream out, String note)
            throws InterruptedException {
        int updates = (int) Math.max(1, Math.round(hz * d.toNanos() / 1e9));
        FanoutStep step = new FanoutStep(hz, updates, subs.count());
        subs.listen(step);
        var self = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long serverCpu0 = ProcessCpu.nanos(pid);
        long selfCpu0 = self.getProcessCpuTime();
        long start = System.nanoTime();
        for (int k = 0; k < updates; k++) {
            long wait = start + (long) (k * 1e9 / hz) - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            step.sent(k);
            trigger.send(CALL.formatted(1_000 + k));
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (step.delivered.sum() < step.expected() && System.nanoTime() < drainUntil) Thread.sleep(10);
        long seconds = Math.max(1, System.nanoTime() - start);
        long delivered = step.delivered.sum();
        long serverCpu = ProcessCpu.nanos(pid) - serverCpu0;
        long selfCpu = self.getProcessCpuTime() - selfCpu0;
        Histogram h = step.latency();
        Result r = new Result(hz, delivered, step.expected(), h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
                delivered == 0 || serverCpu0 < 0 ? -1 : (double) serverCpu / delivered, delivered == 0 ? -1 : (double) selfCpu / delivered,
                step.unexpected.sum(), subs.open());
        out.printf("  %8.0f %,14d %,14d %9.1f %9.1f %,10.0f %,15.0f %,15.0f  %s%s%n", hz, delivered, step.expected(), r.p99Ms(), r.maxMs(),
                delivered / (seconds / 1e9), r.serverCpuNsPerEvent(), r.generatorCpuNsPerEvent(), note != null ? note : r.passed() ? "pass" : "miss",
                r.open() < subs.count() ? " (" + (subs.count() - r.open()) + " subscribers closed)" : "");
        settle(step);
        return r;
    }

    /** Waits until the step's stragglers stop arriving (at most 15 s), so the next step starts clean. */
    private static void settle(FanoutStep step) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long last = -1;
        while (System.nanoTime() < until) {
            long now = step.delivered.sum() + step.unexpected.sum();
            if (now == last) return;
            last = now;
            Thread.sleep(1_000);
        }
    }

    private static void summarize(String transport, Options o, int subscribers, Result target, double bestHz, List<Result> results, PrintStream out) {
        out.printf("  target %,d x %.0f Hz over %s: delivered %,d of %,d (%.2f%%), p99 %.1f ms: %s (goal: 100%% delivered, p99 < %.0f ms)%n",
                subscribers, o.targetHz(), transport, target.delivered(), target.expected(), 100.0 * target.delivered() / Math.max(1, target.expected()),
                target.p99Ms(), target.passed() ? "PASS" : "MISS", P99_GOAL_MS);
        out.printf("  highest rate at 100%% with p99 < %.0f ms: %s%n", P99_GOAL_MS,
                bestHz > 0 ? String.format("%.0f Hz x %,d = %,.0f events/s", bestHz, subscribers, bestHz * subscribers) : "none of the steps");
        // the cost per event bounds the rate: at the target step (the server saturated, its writes batched most) and at the
        // busiest step that delivered everything (none passed: the target's figure alone)
        Result complete = results.stream().filter(r -> r.delivered() == r.expected() && r.serverCpuNsPerEvent() > 0).reduce((a, b) -> b).orElse(null);
        double goalEvents = o.subscribers() * o.targetHz();
        for (Result basis : complete == null || complete == target ? List.of(target) : List.of(target, complete)) {
            if (basis.serverCpuNsPerEvent() <= 0) continue;
            double ns = basis.serverCpuNsPerEvent();
            out.printf("  server CPU per delivered event, step at %.0f Hz: %,.0f ns -> one core carries 1e9 / %,.0f = %,.0f events/s;%n", basis.hz(), ns, ns, 1e9 / ns);
            out.printf("    %,.0f events/s (%,d x %.0f Hz) needs %,.0f x %,.0f ns = %.2f server cores, the generator on cores of its own%n",
                    goalEvents, o.subscribers(), o.targetHz(), goalEvents, ns, goalEvents * ns / 1e9);
        }
    }
}
