package dev.switchboard.cli;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that loads configuration shares: the file and {@code --set key=value} flags. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: .mcp/config.json in the working directory).")
    Path file = Path.of(".mcp", "config.json");

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, e.g. --set performance.maxInflight=4096.")
    Map<String, String> flags = new LinkedHashMap<>();

    Config load(Collection<ConfigKey<?>> keys) {
        return Config.load(keys, file, System.getenv(), flags);
    }
}
