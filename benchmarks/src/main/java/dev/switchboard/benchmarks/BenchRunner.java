package dev.switchboard.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a suite through JMH's Runner API and prints us against our peers.
 *
 * <p>Each benchmark runs in one forked JVM started with this JVM's class path (JMH's default), so
 * whatever launched us, {@code ./sb} included, needs nothing else on it. The fork gets its own fixed
 * heap and the parallel collector, the same for us and for every peer: a warmed-up benchmark should
 * not be measuring GC ergonomics. JMH writes its JSON to {@code target/bench/<suite>.json} under the
 * repository root, and the table is computed from that file, so what is printed is what is kept.
 *
 * <p>After the table come the suite's goals, the latency budgets it measured ({@link Budget}) and,
 * with a baseline, the {@link RegressionGate}: suspects are measured again one by one (only that
 * method, only its parameters, same settings) before the gate decides.
 */
public final class BenchRunner {
    /**
     * Three forks in a full run: on two cores the scheduler decides per JVM whether a producer and
     * its consumer thread share a core, and the async benchmarks (ours and the Disruptor alike) come
     * out in two modes several times apart. One fork would report whichever mode it drew.
     */
    private static final int FULL_FORKS = 3;
    private static final String[] FORK_JVM_ARGS = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"};

    private BenchRunner() {}

    /** The suite names, for help text and validation. */
    public static List<String> suites() {
        return Suite.ALL.keySet().stream().sorted().toList();
    }

    /** One line describing {@code suite}. */
    public static String describe(String suite) {
        Suite s = Suite.ALL.get(suite);
        return s == null ? null : s.description();
    }

    /**
     * Runs {@code request}, prints the table, the goal verdicts and the latency budgets to {@code out},
     * and with a baseline, the regression gate's verdicts (after measuring the suspects again).
     *
     * @throws IllegalArgumentException for an unknown suite, an {@code only} that selects nothing, or
     *     an unreadable baseline
     */
    public static BenchResult run(BenchRequest request, PrintStream out) throws Exception {
        Suite suite = Suite.ALL.get(request.suite());
        if (suite == null)
            throw new IllegalArgumentException("no benchmark suite '" + request.suite() + "'; there is " + String.join(", ", suites()));
        List<Class<?>> selected = select(suite, request.only());
        List<Measurement> baseline = request.baseline() == null ? null : readBaseline(request.baseline(), selected);
        Path dir = request.root().resolve("target").resolve("bench");
        Path json = dir.resolve(suite.name() + ".json");
        Files.createDirectories(dir);

        ChainedOptionsBuilder options = options(suite, request, json);
        options.include(includePattern(selected));
        // JMH adds up the values of a name given twice, so --quick's values and -p's are merged here, -p winning
        Map<String, List<String>> params = new LinkedHashMap<>(request.quick() ? suite.quickParams() : Map.of());
        params.putAll(request.params());
        params.forEach((name, values) -> options.param(name, values.toArray(String[]::new)));

        long started = System.nanoTime();
        new Runner(options.build()).run();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        ResultTable table = ResultTable.fromJmhJson(Files.readString(json), suite.metricOverrides());
        out.println();
        out.printf("sb bench %s%s: %s, %d s; JMH results in %s%n", suite.name(), request.quick() ? " --quick" : "",
                System.getProperty("java.vm.name") + " " + Runtime.version(), seconds, json);
        out.println();
        out.print(table.render());
        if (!suite.goals().isEmpty()) {
            out.println();
            out.println("goals");
            for (Goal goal : suite.goals())
                for (Goal.Verdict v : goal.judge(table)) out.println("  " + v.line());
        }
        List<String> budgets = Budget.judgeAll(table);
        if (!budgets.isEmpty()) {
            out.println();
            out.println("latency budgets (docs/benchmarks.md)");
            budgets.forEach(line -> out.println("  " + line));
        }
        if (baseline == null) return new BenchResult(json, false, true);

        out.println();
        out.printf("regression gate: against %s, threshold %s%%%n", request.baseline(), RegressionGate.percent(request.thresholdPercent()));
        int[] reruns = {0};
        RegressionGate.Report report = RegressionGate.judge(baseline, Measurement.fromJmhJson(Files.readString(json)), request.thresholdPercent(),
                suspects -> {
                    out.printf("  %d suspect%s; measuring %s again: %s%n", suspects.size(), suspects.size() == 1 ? "" : "s",
                            suspects.size() == 1 ? "it" : "them", suspects.stream().map(Measurement::key).toList());
                    List<Measurement> again = new ArrayList<>();
                    for (Measurement suspect : suspects) {
                        List<Measurement> figures = rerun(suite, request, suspect, dir.resolve(suite.name() + "-rerun-" + ++reruns[0] + ".json"));
                        figures.forEach(m -> out.printf("    %s: %s %s, first run %s%n", m.key(), ResultTable.number(m.score()), m.unit(), ResultTable.number(suspect.score())));
                        again.addAll(figures);
                    }
                    return again;
                });
        out.print(report.render());
        return new BenchResult(json, true, report.passed());
    }

    private static ChainedOptionsBuilder options(Suite suite, BenchRequest request, Path json) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvmArgs(FORK_JVM_ARGS)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        options.forks(request.forks() > 0 ? request.forks() : request.quick() ? 1 : FULL_FORKS);
        if (request.quick()) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        } else {
            options.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        options.timeout(TimeValue.seconds(60));
        for (String profiler : request.profilers()) {
            // JMH's own command line takes "name:options"; its API wants them apart
            int colon = profiler.indexOf(':');
            if (colon < 0) options.addProfiler(profiler);
            else options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
        }
        return options;
    }

    /** One suspect measured again: only its method, with exactly its parameters, as the first run measured it. */
    private static List<Measurement> rerun(Suite suite, BenchRequest request, Measurement suspect, Path json) throws Exception {
        ChainedOptionsBuilder options = options(suite, request, json);
        options.include("^" + Pattern.quote(suspect.benchmark()) + "$").verbosity(VerboseMode.SILENT);
        suspect.params().forEach((name, value) -> options.param(name, value));
        new Runner(options.build()).run();
        return Measurement.fromJmhJson(Files.readString(json));
    }

    /** The baseline's measurements of the benchmark classes this run selected. */
    private static List<Measurement> readBaseline(Path file, List<Class<?>> selected) {
        List<String> classes = selected.stream().map(Class::getName).toList();
        List<Measurement> all;
        try {
            all = Measurement.fromJmhJson(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the baseline " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the baseline " + file + " is not a JMH JSON result file: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        List<Measurement> relevant = all.stream().filter(m -> classes.contains(m.className())).toList();
        if (relevant.isEmpty())
            throw new IllegalArgumentException("the baseline " + file + " has no result for " + selected.stream().map(Class::getSimpleName).toList()
                    + "; it holds " + all.stream().map(Measurement::shortName).distinct().toList());
        return relevant;
    }

    private static List<Class<?>> select(Suite suite, String only) {
        if (only == null || only.isBlank()) return suite.benchmarks();
        Pattern p = Pattern.compile(only);
        List<Class<?>> selected = suite.benchmarks().stream().filter(c -> p.matcher(c.getSimpleName()).find()).toList();
        if (selected.isEmpty())
            throw new IllegalArgumentException("'" + only + "' matches none of " + suite.benchmarks().stream().map(Class::getSimpleName).toList());
        return selected;
    }

    private static String includePattern(List<Class<?>> classes) {
        return classes.stream().map(c -> Pattern.quote(c.getName()) + "\\.").collect(Collectors.joining("|", "^(?:", ")"));
    }
}
