package dev.switchboard.cli;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints the effective configuration: each key, where its value came from, and what it means. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration: each key, its value, where it came from, its environment variable, what it allows and what it does.")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Config config;
        try {
            config = ServerOptions.load(options, err);
        } catch (ConfigException e) {
            err.println("sb config: invalid configuration: " + e.getMessage());
            err.flush();
            return 2;
        }
        out.printf("%-28s %-14s %-18s %-28s %s%n", "KEY", "VALUE", "SOURCE", "ENVIRONMENT", "ALLOWED");
        for (Config.Entry e : config.entries()) {
            String source = e.source() == Config.Source.DEFAULT ? "default" : e.origin();
            out.printf("%-28s %-14s %-18s %-28s %s%n", e.key().name(), e.key().shown(e.value()), source, e.key().envName(), e.key().allowed());
            out.printf("    %s%n", e.key().description());
        }
        out.flush();
        return 0;
    }
}
