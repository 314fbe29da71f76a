package dev.switchboard.cli;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigException;
import dev.switchboard.kernel.ConfigKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command that loads configuration shares: the file and {@code --set key=value}
 * flags. Relative paths are the caller's: {@code ./sb} runs the JVM in the directory it was called
 * from, so {@code user.dir} is where the user stands, not the repository.
 */
final class ConfigOptions {
    static final Path DEFAULT_FILE = Path.of(".mcp", "config.json");

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: .mcp/config.json in the working directory, if there is one).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, e.g. --set performance.maxInflight=4096.")
    Map<String, String> flags = new LinkedHashMap<>();

    /** The configuration file in use: {@code --config}, else the default one. */
    Path path() {
        return file != null ? file : DEFAULT_FILE;
    }

    /**
     * The effective configuration, its warnings (unknown {@code MCP_*} variables) printed to
     * {@code err}. A {@code --config} file that does not exist is an error naming the path; the
     * default file may be absent.
     */
    Config load(Collection<ConfigKey<?>> keys, Map<String, String> env, PrintWriter err) {
        if (file != null && !Files.isRegularFile(file))
            throw new ConfigException("configuration file " + file.toAbsolutePath().normalize() + " (from --config) does not exist");
        // mcpServers / servers are the agents module's to read (AgentsFile), not keys
        Config config = Config.load(keys, dev.switchboard.agents.AgentsFile.SECTIONS, path(), env, flags);
        for (String warning : config.warnings()) err.println("sb: warning: " + warning);
        err.flush();
        return config;
    }
}
