package dev.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sb} command. The {@code ./sb} script finds a JDK, builds what changed and runs this;
 * {@code ./sb test} is handled by the script itself (it runs Maven), and is listed here so that
 * {@code ./sb --help} shows every subcommand.
 */
@Command(name = "sb", mixinStandardHelpOptions = true, version = "Switchboard 0.1.0",
        description = "Switchboard: a high-throughput MCP server runtime for the JVM.",
        subcommands = {ServeCommand.class, TestCommand.class, ConformanceCommand.class, BenchCommand.class, ConfigCommand.class,
                LoadCommand.class, FloorCommand.class, CompareCommand.class, ProfileCommand.class, ClusterCommand.class},
        commandListHeading = "%nCommands:%n")
public final class Sb implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Sb()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
