package dev.switchboard.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a suite through JMH's Runner API and prints us against our peers.
 *
 * <p>Each benchmark runs in one forked JVM started with this JVM's class path (JMH's default), so
 * whatever launched us, {@code ./sb} included, needs nothing else on it. The fork gets its own fixed
 * heap and the parallel collector, the same for us and for every peer: a warmed-up benchmark should
 * not be measuring GC ergonomics. JMH writes its JSON to {@code target/bench/<suite>.json} under the
 * repository root, and the table is computed from that file, so what is printed is what is kept.
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
     * Runs {@code request}, prints the table and the goal verdicts to {@code out}.
     *
     * @return the JSON result file
     * @throws IllegalArgumentException for an unknown suite or an {@code only} that selects nothing
     */
    public static Path run(BenchRequest request, PrintStream out) throws RunnerException, IOException {
        Suite suite = Suite.ALL.get(request.suite());
        if (suite == null)
            throw new IllegalArgumentException("no benchmark suite '" + request.suite() + "'; there is " + String.join(", ", suites()));
        List<Class<?>> selected = select(suite, request.only());
        Path json = request.root().resolve("target").resolve("bench").resolve(suite.name() + ".json");
        Files.createDirectories(json.getParent());

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(includePattern(selected))
                .jvmArgs(FORK_JVM_ARGS)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        options.forks(request.forks() > 0 ? request.forks() : request.quick() ? 1 : FULL_FORKS);
        if (request.quick()) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
            suite.quickParams().forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
        } else {
            options.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        request.params().forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
        options.timeout(TimeValue.seconds(60));
        for (String profiler : request.profilers()) {
            // JMH's own command line takes "name:options"; its API wants them apart
            int colon = profiler.indexOf(':');
            if (colon < 0) options.addProfiler(profiler);
            else options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
        }

        long started = System.nanoTime();
        new Runner(options.build()).run();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        ResultTable table = ResultTable.fromJmhJson(Files.readString(json), suite.metricOverrides());
        out.println();
        out.printf("sb bench %s%s: %s, %d s; JMH results in %s%n", suite.name(), request.quick() ? " --quick" : "",
                System.getProperty("java.vm.name") + " " + Runtime.version(), seconds, json);
        out.println();
        out.print(table.render());
        out.println();
        out.println("goals");
        for (Goal goal : suite.goals())
            for (Goal.Verdict v : goal.judge(table)) out.println("  " + v.line());
        return json;
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
