package dev.switchboard.cli;

import dev.switchboard.benchmarks.BenchRequest;
import dev.switchboard.benchmarks.BenchResult;
import dev.switchboard.benchmarks.BenchRunner;
import dev.switchboard.benchmarks.MemoryBenchmark;
import dev.switchboard.benchmarks.OverloadBenchmark;
import dev.switchboard.benchmarks.TaskStoreBenchmark;
import dev.switchboard.benchmarks.TracingBenchmark;
import dev.switchboard.wasm.WasmBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a JMH suite with our peers beside us and prints the ratio table and the goals. The work is
 * {@link BenchRunner}'s; this only reads the command line. Results land in
 * {@code target/bench/<suite>.json} under the repository root, which {@code ./sb} passes as
 * {@code -Dsb.root}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a JMH suite against its peers and print the ratio table and the goals.",
        footer = {"", "Examples:", "  ./sb bench kernel --quick", "  ./sb bench kernel --only BusBenchmark -p subscribers=4 --prof gc",
                "  ./sb bench codec --quick --compare bench/baselines/codec.json --threshold 10",
                "  ./sb bench tracing --quick    (throughput with tracing off and at 1% sampling)",
                "  ./sb bench agents --quick    (gateway overhead, balance, failover, pre-warm, memory per member)",
                "  ./sb bench cluster --quick    (R3 publish-ack latency and rate on 3 local nats-server processes)",
                "  ./sb bench overload --quick    (adaptive admission limit at 3× capacity against the best fixed limit)",
                "  ./sb bench tasks --quick -p callers=128    (durable task creates/s and p99, fsync on; -p callers, warmup, seconds, rounds, dir)",
                "  ./sb bench memory    (vector index recall@10, search p99 at 100,000 vectors, int8 bytes, embedding cost; -p vectors, real, queries, searches)",
                "  ./sb bench wasm --quick    (a WebAssembly tool against the same code in Java; instantiation per call)",
                "", "Exit status: 0; 1 when --compare finds one of our benchmarks more than --threshold percent slower than the baseline (after measuring it again) or missing from the run; 2 for a usage error."})
final class BenchCommand implements Callable<Integer> {
    /** Not a JMH suite: a load run against two servers, tracing off and on (see {@link TracingBenchmark}). */
    static final String TRACING = "tracing";
    /** Not a JMH suite: durable creates through the embedded task store (see {@link TaskStoreBenchmark}). */
    static final String TASKS = "tasks";
    /** Not a JMH suite: recall, search latency and bytes of pattern memory's vector index (see {@link MemoryBenchmark}). */
    static final String MEMORY = "memory";
    /** Not a JMH suite: the gateway in front of MCP servers (see {@link dev.switchboard.agents.AgentsBenchmark}). */
    static final String AGENTS = "agents";
    /** Not a JMH suite: a WebAssembly tool against the same code in Java (see {@link WasmBenchmark}). */
    static final String WASM = "wasm";
    /** Not a JMH suite: R3 publish-ack latency and rate on a local 3-node NATS cluster (see {@link dev.switchboard.cluster.ClusterBenchmark}). */
    static final String CLUSTER = "cluster";
    /** Not a JMH suite: the adaptive admission limit offered 3× capacity, against a sweep of fixed limits (see {@link OverloadBenchmark}). */
    static final String OVERLOAD = "overload";

    @Parameters(index = "0", paramLabel = "SUITE", completionCandidates = SuiteNames.class,
            description = "The suite to run: ${COMPLETION-CANDIDATES}.")
    String suite;

    @Option(names = "--quick", description = "About a minute: one fork, one 1 s warmup and two 1 s measurements per benchmark.")
    boolean quick;

    @Option(names = "--forks", paramLabel = "N", description = "Forked JVMs per benchmark (default: 1 with --quick, 3 otherwise).")
    int forks;

    @Option(names = "--only", paramLabel = "REGEX", description = "Run only the suite's benchmark classes whose name matches.")
    String only;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=V1,V2", description = "Run these @Param values instead of the defaults (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--prof", paramLabel = "PROFILER", description = "Attach a JMH profiler, as JMH's -prof takes it: gc, jfr, perfnorm, async:libPath=… (repeatable).")
    List<String> profilers = new ArrayList<>();

    @Option(names = "--compare", paramLabel = "BASELINE.json",
            description = "Compare with this JMH JSON baseline (relative to the repository root) and exit 1 on a regression; suspects are measured again first.")
    Path baseline;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "10",
            description = "With --compare: how much slower than the baseline a benchmark may be, in percent (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Override
    public Integer call() throws Exception {
        if (suite.equals(OVERLOAD)) return OverloadBenchmark.run(quick, System.out) ? 0 : 1;
        if (suite.equals(TRACING)) {
            TracingBenchmark.run(quick, System.out);
            return 0;
        }
        if (suite.equals(CLUSTER)) {
            dev.switchboard.cluster.ClusterBenchmark.run(quick, System.out);
            return 0;
        }
        Path root = Path.of(System.getProperty("sb.root", System.getProperty("user.dir")));
        if (suite.equals(AGENTS)) return dev.switchboard.agents.AgentsBenchmark.run(quick, root, System.out) ? 0 : 1;
        if (suite.equals(TASKS)) {
            try {
                TaskStoreBenchmark.run(quick, params, root, System.out);
            } catch (IllegalArgumentException e) {
                System.err.println("sb bench tasks: " + e.getMessage());
                return 2;
            }
            return 0;
        }
        if (suite.equals(MEMORY)) {
            try {
                return MemoryBenchmark.run(quick, params, System.out) ? 0 : 1;
            } catch (IllegalArgumentException e) {
                System.err.println("sb bench memory: " + e.getMessage());
                return 2;
            }
        }
        if (suite.equals(WASM)) return WasmBenchmark.run(quick, root, System.out) ? 0 : 1;
        if (!BenchRunner.suites().contains(suite)) {
            List<String> names = new ArrayList<>();
            new SuiteNames().forEach(names::add);
            System.err.println("sb bench: no suite '" + suite + "'; there is " + String.join(", ", names));
            return 2;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        params.forEach((name, list) -> values.put(name, List.of(list.split(","))));
        Path baselineFile = baseline == null ? null : root.resolve(baseline);
        if (baselineFile != null && !Files.isRegularFile(baselineFile)) {
            System.err.println("sb bench: --compare: no baseline file " + baselineFile);
            return 2;
        }
        if (!(threshold >= 0)) {
            System.err.println("sb bench: --threshold must be a percentage >= 0, got " + threshold);
            return 2;
        }
        BenchResult result;
        try {
            result = BenchRunner.run(new BenchRequest(suite, quick, forks, only, values, profilers, root, baselineFile, threshold), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("sb bench: " + e.getMessage());
            return 2;
        }
        return result.passed() ? 0 : 1;
    }

    /** The suite names, for the help text. */
    static final class SuiteNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> all = new ArrayList<>(BenchRunner.suites());
            all.add(TRACING);
            all.add(TASKS);
            all.add(MEMORY);
            all.add(AGENTS);
            all.add(WASM);
            all.add(CLUSTER);
            all.add(OVERLOAD);
            return all.iterator();
        }
    }
}
