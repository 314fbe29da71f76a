package dev.switchboard.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sb profile}: starts Switchboard in its own process, warms it up, records the scenario
 * under JDK Flight Recorder (started and stopped with jcmd, so start-up and warm-up stay out of
 * the recording) and draws the server's flame graph.
 */
public final class ProfileRun {
    private ProfileRun() {}

    /** Paths of what a profile run wrote. */
    public record Output(Path jfr, Path svg, LoadResult result) {}

    /** Runs {@code spec} (its target is replaced by the started server) and writes into {@code dir}. */
    public static Output run(Path root, LoadSpec spec, Path dir, PrintStream out) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path jfr = dir.resolve("server.jfr").toAbsolutePath();
        Path svg = dir.resolve("flame.svg").toAbsolutePath();
        Files.deleteIfExists(jfr);
        try (PeerProcess server = PeerProcess.start(Peers.switchboard(root), dir.resolve("server.log"), Duration.ofSeconds(60))) {
            LoadSpec target = spec.withTarget(server.endpoint(), server.pid());
            out.println("sb profile: switchboard on " + server.endpoint() + " (pid " + server.pid() + "); warming up 3 s");
            LoadGenerator.run(warmup(target), Progress.NONE);
            jcmd(server.pid(), "JFR.start", "name=sb-profile", "settings=profile", "jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=2ms");
            LoadResult result = LoadGenerator.run(target, TerminalProgress.forTask("profile " + spec.scenario().label()));
            jcmd(server.pid(), "JFR.stop", "name=sb-profile", "filename=" + jfr);
            TextReport.print(result, out);
            FlameGraph graph = FlameGraph.of(jfr);
            graph.writeSvg("Switchboard server, " + spec.scenario().label() + " (" + spec.operation() + ")", svg);
            out.println("hottest methods (" + graph.samples() + " " + graph.event() + " events; share on top of the stack):");
            for (Map.Entry<String, Long> e : graph.hottest(10))
                out.printf("  %6.2f%%  %s%n", 100.0 * e.getValue() / Math.max(1, graph.samples()), e.getKey());
            out.println("jfr: " + jfr);
            out.println("flame graph: " + svg);
            return new Output(jfr, svg, result);
        }
    }

    private static LoadSpec warmup(LoadSpec s) {
        return s.withScenario(Scenario.CONCURRENT).closedLoop(50, Duration.ofSeconds(3));
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        String[] args = new String[command.length + 2];
        args[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        args[1] = Long.toString(pid);
        System.arraycopy(command, 0, args, 2, command.length);
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output.strip());
    }
}
