package dev.switchboard.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Is the generator the bottleneck? Starts the floor in its own process and loads it alternately
 * with this generator and with {@code wrk} (same connections, same duration, the same tools/call
 * POST from a Lua script), round by round, and prints both rates. When wrk is not installed it
 * says how to get it ({@code apt-get install wrk}) and prints the generator's rate alone.
 */
public final class FloorCheck {
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private FloorCheck() {}

    /** Rates per round, requests per second; {@code wrk} empty when it is not installed. */
    public record Rates(List<Double> generator, List<Double> wrk) {}

    public static Rates run(Path root, int connections, Duration each, int rounds, PrintStream out) throws IOException, InterruptedException {
        Path wrk = wrk();
        if (wrk == null) out.println("sb floor --check: wrk is not installed (apt-get install wrk); printing the generator's rate alone");
        Path script = Files.createTempFile("sb-wrk-", ".lua");
        try (InputStream lua = FloorCheck.class.getResourceAsStream("wrk-tools-call.lua");
             PeerProcess floor = PeerProcess.start(Peers.floor(root), root.resolve("target/compare/floor-check.log"), Duration.ofSeconds(60))) {
            Files.write(script, lua.readAllBytes());
            out.println("sb floor --check: floor on " + floor.endpoint() + "; " + rounds + " rounds of " + each.toSeconds() + " s each, " + connections + " connections");
            // warm-up, unmeasured: the JIT of the generator and of the floor, then wrk's first contact
            LoadGenerator.run(spec(floor, connections, Duration.ofSeconds(10)), Progress.NONE);
            if (wrk != null) wrk(wrk, script, floor, connections, Duration.ofSeconds(3));
            List<Double> gen = new ArrayList<>(), w = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                LoadResult r = LoadGenerator.run(spec(floor, connections, each), Progress.NONE);
                gen.add(r.throughput());
                out.printf(Locale.ROOT, "  round %d  sb load: %9.0f req/s  (p50 %.3f ms, p99 %.3f ms, errors %d)%n", round, r.throughput(), r.latency().p50(), r.latency().p99(), r.requests() - r.ok());
                if (wrk != null) {
                    double rate = wrk(wrk, script, floor, connections, each);
                    w.add(rate);
                    out.printf(Locale.ROOT, "  round %d  wrk:     %9.0f req/s%n", round, rate);
                }
            }
            double g = Comparison.median(gen.stream().mapToDouble(Double::doubleValue).toArray());
            if (w.isEmpty()) {
                out.printf(Locale.ROOT, "sb load against the floor: %.0f req/s (median)%n", g);
            } else {
                double k = Comparison.median(w.stream().mapToDouble(Double::doubleValue).toArray());
                out.printf(Locale.ROOT, "sb load %.0f req/s, wrk %.0f req/s (medians): the generator reaches %.0f%% of wrk — %s%n", g, k, 100 * g / k,
                        g >= k ? "PASS (not the bottleneck)" : "MISS (wrk drives the floor harder)");
            }
            return new Rates(gen, w);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static LoadSpec spec(PeerProcess floor, int connections, Duration d) {
        return LoadSpec.of(Scenario.CONCURRENT, floor.endpoint()).withTarget(floor.endpoint(), floor.pid()).closedLoop(connections, d);
    }

    private static double wrk(Path wrk, Path script, PeerProcess floor, int connections, Duration d) throws IOException, InterruptedException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        Process p = new ProcessBuilder(wrk.toString(), "-t" + threads, "-c" + connections, "-d" + d.toSeconds() + "s", "-s", script.toString(), floor.endpoint().toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(d.toSeconds() + 30, TimeUnit.SECONDS);
        Matcher m = WRK_RATE.matcher(output);
        if (!m.find()) throw new IOException("wrk printed no Requests/sec:\n" + output);
        return Double.parseDouble(m.group(1));
    }

    private static Path wrk() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
