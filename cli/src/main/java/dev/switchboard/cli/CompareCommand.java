package dev.switchboard.cli;

import dev.switchboard.load.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the peer comparison: Switchboard, the official SDKs, Quarkus, Spring AI and the Netty floor, the same scenarios, interleaved. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Build and start Switchboard, the peers (official Java SDK, Quarkus MCP Server, Spring AI MCP server, official TypeScript SDK v1 and v2) and the Netty floor; "
        + "run the same scenarios against each, interleaved (session-era and stateless-era tools/call, churn, idle sessions); print the table and the goals. "
        + "Exits 1 when a peer cannot be built, started or kept running.",
        footer = {"", "Examples:", "  ./sb compare --quick", "  ./sb compare --rounds 5 --only switchboard,floor", "  ./sb compare --health", "  ./sb compare --transports", "  ./sb compare --cluster --quick", "  ./sb compare --auth --quick"})
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Under three minutes: one round, shorter runs, 1000 idle sessions.")
    boolean quick;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds (default: 1 with --quick, 3 otherwise).")
    Integer rounds;

    @Option(names = "--only", paramLabel = "NAMES", split = ",", description = "Only these peers (switchboard, java-sdk, quarkus, spring, ts-sdk, ts-sdk-v2, floor).")
    List<String> only = new ArrayList<>();

    @Option(names = "--health", description = "Instead: GET /health against the floor (sequential, 50 concurrent, a 500 burst, sustained); PASS at 90% of the floor.")
    boolean health;

    @Option(names = "--sustained", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --health: how long the sustained run lasts (default: 30s, 10s with --quick).")
    java.time.Duration sustained;

    @Option(names = "--rate", paramLabel = "N", description = "With --health: the sustained run's rate, requests/s (default: 5000).")
    double rate = 5_000;

    @Option(names = "--transports", description = "Instead: tools/call over stdio, TCP, WebSocket, Streamable HTTP and legacy SSE against one sb serve, 50 connections, "
            + "interleaved rounds; goal: WebSocket and TCP >= 1.2x Streamable HTTP.")
    boolean transports;

    @Option(names = "--cluster", description = "Instead: tools/call through 3 nodes + 3 NATS (R3) behind the round-robin balancer against one node, "
            + "interleaved; goal: the cluster keeps >= 70% of the single node's calls/s; then session lookup p99 warm (< 1 ms) and "
            + "a killed node's task resume p99 (<= ack wait + 100 ms).")
    boolean cluster;

    @Option(names = "--auth", description = "Instead: tools/call against sb serve with OAuth on (an issuer, key set and RS256 token made by this command) and off, "
            + "50 connections, interleaved rounds; goal: auth on keeps >= 90% of the calls/s.")
    boolean auth;

    @Option(names = "--readme", description = "Also write the table and the goals into README.md (between its 'sb compare' markers), with the command and the date.")
    boolean readme;

    @Option(names = "--json", paramLabel = "FILE", description = "Where the JSON goes (default: target/compare/compare.json).")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Where the HTML report goes (default: target/compare/compare.html).")
    Path html;

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("sb.root", System.getProperty("user.dir")));
        Path out = root.resolve("target/compare");
        if (health) {
            java.time.Duration d = sustained != null ? sustained : java.time.Duration.ofSeconds(quick ? 10 : 30);
            return dev.switchboard.load.HealthComparison.run(root, rounds != null ? rounds : quick ? 1 : 3, d, rate, System.out) ? 0 : 1;
        }
        if (cluster) {
            var o = new dev.switchboard.load.ClusterComparison.Options(root, quick, rounds != null ? rounds : quick ? 1 : 3, quick ? 20 : 50,
                    java.time.Duration.ofSeconds(quick ? 5 : 10), java.time.Duration.ofSeconds(quick ? 5 : 20));
            return dev.switchboard.load.ClusterComparison.run(o, System.out) ? 0 : 1;
        }
        if (auth) {
            var o = new dev.switchboard.load.AuthComparison.Options(root, rounds != null ? rounds : quick ? 1 : 3, 50,
                    java.time.Duration.ofSeconds(quick ? 5 : 10), java.time.Duration.ofSeconds(quick ? 5 : 10));
            return dev.switchboard.load.AuthComparison.run(o, System.out) ? 0 : 1;
        }
        if (transports) {
            var o = new dev.switchboard.load.TransportComparison.Options(root, rounds != null ? rounds : quick ? 1 : 3, 50,
                    java.time.Duration.ofSeconds(quick ? 5 : 10), java.time.Duration.ofSeconds(quick ? 5 : 10));
            return dev.switchboard.load.TransportComparison.run(o, System.out) ? 0 : 1;
        }
        List<String> known = dev.switchboard.load.Peers.all(root).stream().map(dev.switchboard.load.Peer::name).toList();
        List<String> unknown = only.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            System.err.println("sb compare: no peer " + String.join(", ", unknown) + "; choose from " + String.join(", ", known));
            return 2;
        }
        Comparison.Options options = new Comparison.Options(root, quick, rounds != null ? rounds : quick ? 1 : 3,
                json != null ? json : out.resolve("compare.json"), html != null ? html : out.resolve("compare.html"), only);
        Comparison.Report report = Comparison.run(options, System.out);
        if (readme) {
            String command = "./sb compare" + (quick ? " --quick" : "") + (rounds != null ? " --rounds " + rounds : "")
                    + (only.isEmpty() ? "" : " --only " + String.join(",", only)) + " --readme";
            ReadmeBlock.write(root.resolve("README.md"), "sb compare", "Written by `" + command + "` on " + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    + " (" + Runtime.getRuntime().availableProcessors() + " cores):\n\n```text\n" + Comparison.table(report) + "\n```");
            System.out.println("README.md: table and goals written");
        }
        return report.failed() ? 1 : 0;
    }
}
