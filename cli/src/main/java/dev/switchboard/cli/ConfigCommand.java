package dev.switchboard.cli;

import dev.switchboard.kernel.Config;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints the effective configuration and where each value came from. */
@Command(name = "config", description = "Print the effective configuration: each key, its value, and where it came from.")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        Config config;
        try {
            config = ServerOptions.load(options);
        } catch (dev.switchboard.kernel.ConfigException e) {
            System.err.println("sb config: invalid configuration: " + e.getMessage());
            return 2;
        }
        System.out.printf("%-28s %-14s %-12s %-28s %s%n", "KEY", "VALUE", "SOURCE", "ENVIRONMENT", "ALLOWED");
        for (Config.Entry e : config.entries()) {
            String source = e.source() == Config.Source.DEFAULT ? "default" : e.origin();
            System.out.printf("%-28s %-14s %-12s %-28s %s%n", e.key().name(), e.key().shown(e.value()), source, e.key().envName(), e.key().allowed());
        }
        return 0;
    }
}
