package dev.switchboard.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sb compare}: builds every peer whose build output is stale ({@link PeerSetup}), starts
 * them all, then runs the same scenarios against each, interleaved round by round (round r starts
 * with a different peer), so drift of a shared machine hits all alike: session-era tools/call,
 * stateless-era tools/call for every peer that serves 2026-07-28, churn and idle sessions. Figures
 * are the median over rounds. It prints a table with ratios to Switchboard, the goals as PASS/MISS
 * ({@link ComparisonGoals}), and writes JSON and an HTML report. A peer that cannot be built or
 * started, or that dies during the run, is a failure the report names ({@link Report#failures()}).
 */
public final class Comparison {
    /** How a comparison runs; {@code quick} is under three minutes. */
    public record Options(Path root, boolean quick, int rounds, Path json, Path html, List<String> only) {
        int connections() {
            return 50;
        }

        Duration concurrentFor() {
            return quick ? Duration.ofSeconds(4) : Duration.ofSeconds(10);
        }

        Duration churnFor() {
            return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(8);
        }

        int idleSessions() {
            return quick ? 1_000 : 5_000;
        }

        /** Long enough for C2 to compile each JVM peer's call path: after 8 s Switchboard still ran at 60% of its warm rate. */
        Duration warmup() {
            return quick ? Duration.ofSeconds(10) : Duration.ofSeconds(20);
        }
    }

    /** One peer's figures: medians over the rounds; the stateless ones are -1 for a peer that does not serve that era. */
    public record PeerFigures(String name, String description, double callsPerSecond, double p50Ms, double p99Ms,
                              double statelessPerSecond, double statelessP50Ms, double statelessP99Ms,
                              double churnPerSecond, long rssBytes, long rssPerIdleSession, long heapPerIdleSession, long errors) {}

    /** Everything a comparison produced; {@code failures} names each peer that could not be built, started or kept running. */
    public record Report(String machine, List<String> failures, List<PeerFigures> peers, List<String> goals, Map<String, Map<String, List<LoadResult>>> runs) {
        public boolean failed() {
            return !failures.isEmpty();
        }
    }

    /** The scenarios of a round, in order. */
    static final List<Scenario> SCENARIOS = List.of(Scenario.CONCURRENT, Scenario.STATELESS, Scenario.CHURN, Scenario.IDLE_SESSIONS);

    private Comparison() {}

    public static Report run(Options options, PrintStream out) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        List<PeerProcess> running = new ArrayList<>();
        Map<String, Map<String, List<LoadResult>>> runs = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        Path logs = options.root().resolve("target/compare");
        List<String> built = new ArrayList<>();
        for (Peer peer : selected(options)) {
            try {
                PeerSetup.run(peer, logs.resolve(peer.name() + "-setup.log"), Duration.ofMinutes(15), out);
                built.add(peer.name());
            } catch (IOException e) {
                fail(failures, out, e.getMessage());
            }
        }
        try {
            for (Peer peer : selected(options)) { // again: a command may read what the setup built
                if (!built.contains(peer.name())) continue;
                var missing = peer.missing();
                if (missing.isPresent()) {
                    fail(failures, out, peer.name() + " could not be started: " + missing.get());
                    continue;
                }
                try {
                    PeerProcess p = PeerProcess.start(peer, logs.resolve(peer.name() + ".log"), Duration.ofSeconds(90));
                    running.add(p);
                    out.println("sb compare: " + peer.name() + " listening on " + p.endpoint() + " (pid " + p.pid() + ")");
                } catch (IOException e) {
                    fail(failures, out, peer.name() + " could not be started: " + e.getMessage());
                }
            }
            for (PeerProcess p : running) {
                out.println("sb compare: warming up " + p.peer().name() + " for " + options.warmup().toSeconds() + " s" + (p.peer().stateless() ? " (and stateless for half that)" : ""));
                LoadGenerator.run(closedLoop(Scenario.CONCURRENT, p, options.connections(), options.warmup()), Progress.NONE);
                if (p.peer().stateless()) LoadGenerator.run(closedLoop(Scenario.STATELESS, p, options.connections(), options.warmup().dividedBy(2)), Progress.NONE);
                rss.put(p.peer().name(), ServerMemory.rss(p.pid()));
                runs.put(p.peer().name(), new LinkedHashMap<>());
            }
            for (int round = 0; round < options.rounds(); round++) {
                for (Scenario s : SCENARIOS) {
                    for (int i = 0; i < running.size(); i++) {
                        PeerProcess p = running.get((i + round) % running.size());
                        if (!p.alive() || (s == Scenario.STATELESS && !p.peer().stateless())) continue;
                        LoadSpec spec = switch (s) {
                            case CONCURRENT, STATELESS -> closedLoop(s, p, options.connections(), options.concurrentFor());
                            case CHURN -> closedLoop(s, p, 20, options.churnFor());
                            default -> idle(p, options.idleSessions());
                        };
                        LoadResult r = LoadGenerator.run(spec, Progress.NONE);
                        runs.get(p.peer().name()).computeIfAbsent(s.label(), k -> new ArrayList<>()).add(r);
                        out.printf(Locale.ROOT, "  round %d %-13s %-12s %9.0f ok/s  p50 %7.3f ms  p99 %8.3f ms  errors %d%n", round + 1, s.label(), p.peer().name(),
                                r.throughput(), r.latency().p50(), r.latency().p99(), r.requests() - r.ok());
                    }
                }
            }
            for (PeerProcess p : running)
                if (!p.alive()) fail(failures, out, p.peer().name() + " exited during the run; see " + logs.resolve(p.peer().name() + ".log"));
        } finally {
            running.forEach(PeerProcess::close);
        }
        List<PeerFigures> figures = new ArrayList<>();
        for (PeerProcess p : running) {
            Map<String, List<LoadResult>> mine = runs.get(p.peer().name());
            if (mine == null) continue;
            List<LoadResult> calls = mine.getOrDefault(Scenario.CONCURRENT.label(), List.of());
            List<LoadResult> stateless = mine.getOrDefault(Scenario.STATELESS.label(), List.of());
            List<LoadResult> churn = mine.getOrDefault(Scenario.CHURN.label(), List.of());
            List<LoadResult> idle = mine.getOrDefault(Scenario.IDLE_SESSIONS.label(), List.of());
            long errors = mine.values().stream().flatMap(List::stream).mapToLong(r -> r.requests() - r.ok()).sum();
            figures.add(new PeerFigures(p.peer().name(), p.peer().description(),
                    median(calls.stream().mapToDouble(LoadResult::throughput).toArray()),
                    median(calls.stream().mapToDouble(r -> r.latency().p50()).toArray()),
                    median(calls.stream().mapToDouble(r -> r.latency().p99()).toArray()),
                    median(stateless.stream().mapToDouble(LoadResult::throughput).toArray()),
                    median(stateless.stream().mapToDouble(r -> r.latency().p50()).toArray()),
                    median(stateless.stream().mapToDouble(r -> r.latency().p99()).toArray()),
                    median(churn.stream().mapToDouble(LoadResult::throughput).toArray()),
                    rss.getOrDefault(p.peer().name(), -1L),
                    perSession(idle, "serverRssPerSessionBytes"),
                    perSession(idle, "serverHeapPerSessionBytes"),
                    errors));
        }
        Report report = new Report(machine(), failures, figures, ComparisonGoals.of(figures), runs);
        print(report, out);
        JsonReport.write(report, options.json());
        html(report, options);
        out.println("json: " + options.json());
        out.println("html: " + options.html());
        return report;
    }

    private static List<Peer> selected(Options options) {
        return Peers.all(options.root()).stream().filter(p -> options.only().isEmpty() || options.only().contains(p.name())).toList();
    }

    private static void fail(List<String> failures, PrintStream out, String why) {
        failures.add("FAILED: " + why);
        out.println("sb compare: FAILED: " + why);
    }

    /** The median of a per-session memory figure over the idle-sessions runs; {@link #NOT_MEASURED} when no run had it. */
    private static long perSession(List<LoadResult> idle, String key) {
        double[] values = idle.stream().mapToDouble(r -> number(r, key)).filter(d -> !Double.isNaN(d)).toArray();
        return values.length == 0 ? NOT_MEASURED : (long) median(values);
    }

    /** Marks a memory figure no run could take (a non-JVM has no heap figure). */
    static final long NOT_MEASURED = Long.MIN_VALUE;

    private static LoadSpec closedLoop(Scenario s, PeerProcess p, int connections, Duration d) {
        return LoadSpec.of(s, p.endpoint()).withTarget(p.endpoint(), p.pid()).closedLoop(connections, d);
    }

    private static LoadSpec idle(PeerProcess p, int sessions) {
        return LoadSpec.of(Scenario.IDLE_SESSIONS, p.endpoint()).withTarget(p.endpoint(), p.pid()).withSessions(sessions, 8, Duration.ofSeconds(1));
    }

    private static double number(LoadResult r, String key) {
        return r.extra().get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The median, ignoring NaN (a figure a run could not take); -1 when there is none. */
    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) return -1;
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static PeerFigures find(List<PeerFigures> figures, String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    static String ratio(double a, double b) {
        return b <= 0 ? "∞" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    /** The table, the peers' descriptions, the failures and the goals, as {@code sb compare} prints them. */
    public static String table(Report report) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        print(report, new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    private static void print(Report report, PrintStream out) {
        PeerFigures sb = find(report.peers(), "switchboard");
        out.println();
        out.println(report.machine());
        out.printf(Locale.ROOT, "%-12s %10s %6s %8s %8s %12s %6s %8s %9s %6s %8s %12s %12s %7s%n", "peer", "calls/s", "×sb", "p50 ms", "p99 ms",
                "stateless/s", "×sb", "p99 ms", "churn/s", "×sb", "RSS MiB", "RSS/session", "heap/session", "errors");
        for (PeerFigures f : report.peers()) {
            boolean st = f.statelessPerSecond() >= 0;
            out.printf(Locale.ROOT, "%-12s %10.0f %6s %8.3f %8.3f %12s %6s %8s %9.0f %6s %8.1f %12s %12s %7d%n", f.name(), f.callsPerSecond(),
                    sb == null ? "-" : ratio(f.callsPerSecond(), sb.callsPerSecond()), f.p50Ms(), f.p99Ms(),
                    st ? String.format(Locale.ROOT, "%.0f", f.statelessPerSecond()) : "-",
                    st && sb != null && sb.statelessPerSecond() > 0 ? ratio(f.statelessPerSecond(), sb.statelessPerSecond()) : "-",
                    st ? String.format(Locale.ROOT, "%.3f", f.statelessP99Ms()) : "-", f.churnPerSecond(),
                    sb == null ? "-" : ratio(f.churnPerSecond(), sb.churnPerSecond()), f.rssBytes() / 1048576.0,
                    bytes(f.rssPerIdleSession()), bytes(f.heapPerIdleSession()), f.errors());
        }
        out.println("(calls: session-era concurrent tools/call add, 50 connections; stateless: 2026-07-28 tools/call add without a session, 50 connections,");
        out.println(" '-' where the peer does not serve that era; churn: initialize+initialized+call+DELETE, 20 connections;");
        out.println(" per-session memory: idle-sessions, RSS from /proc and heap from jcmd GC.heap_info after GC.run, over the sessions held)");
        report.peers().forEach(f -> out.println("  " + f.name() + ": " + f.description()));
        report.failures().forEach(out::println);
        report.goals().forEach(out::println);
    }

    private static String bytes(long b) {
        return b == NOT_MEASURED ? "-" : Math.abs(b) < 10_240 ? b + " B" : String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }

    private static void html(Report report, Options options) throws IOException {
        List<HtmlReport.Section> sections = new ArrayList<>();
        for (Scenario s : SCENARIOS) {
            Map<String, LoadResult> byPeer = new LinkedHashMap<>();
            report.runs().forEach((peer, scenarios) -> {
                List<LoadResult> rs = scenarios.getOrDefault(s.label(), List.of());
                if (!rs.isEmpty()) byPeer.put(peer, rs.get(rs.size() / 2));
            });
            if (!byPeer.isEmpty()) sections.add(new HtmlReport.Section(s.label() + " (one round per peer, the middle one)", byPeer));
        }
        List<String> preface = new ArrayList<>();
        preface.add(report.machine());
        for (PeerFigures f : report.peers())
            preface.add(String.format(Locale.ROOT, "%-12s %10.0f calls/s  p50 %.3f ms  p99 %.3f ms  stateless %s/s  churn %.0f/s  RSS/session %s", f.name(), f.callsPerSecond(),
                    f.p50Ms(), f.p99Ms(), f.statelessPerSecond() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", f.statelessPerSecond()), f.churnPerSecond(), bytes(f.rssPerIdleSession())));
        preface.addAll(report.failures());
        preface.addAll(report.goals());
        HtmlReport.write("sb compare" + (options.quick() ? " --quick" : ""), preface, sections, options.html());
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep "unknown CPU"
        }
        return String.format(Locale.ROOT, "machine: %d cores, %s, %s %s, Java %s", Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
