package dev.switchboard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Listed for {@code --help}; the {@code ./sb} script runs the tests itself, before any JVM of ours starts. */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Install what the tests need, build, and run every test (exit non-zero on any failure).")
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sb test: run it through the ./sb script at the repository root; it installs prerequisites and runs Maven.");
        return 2;
    }
}
