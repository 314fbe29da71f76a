package dev.switchboard.cli;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.KernelConfig;
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
        Config config = options.load(KernelConfig.KEYS);
        System.out.printf("%-28s %-14s %-12s %-28s %s%n", "KEY", "VALUE", "SOURCE", "ENVIRONMENT", "ALLOWED");
        for (Config.Entry e : config.entries()) {
            String source = e.source() == Config.Source.DEFAULT ? "default" : e.origin();
            System.out.printf("%-28s %-14s %-12s %-28s %s%n", e.key().name(), e.value(), source, e.key().envName(), e.key().allowed());
        }
        return 0;
    }
}
