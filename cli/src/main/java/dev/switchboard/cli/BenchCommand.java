package dev.switchboard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The JMH runner is being wired; until then this says so plainly and fails. */
@Command(name = "bench", description = "Run the JMH suites and print the ratio tables.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sb bench: the benchmark runner is not wired in this build");
        return 1;
    }
}
