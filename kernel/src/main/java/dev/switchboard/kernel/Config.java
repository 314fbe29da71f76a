package dev.switchboard.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The effective configuration: every known key with its value and where that value came from.
 *
 * <p>Sources, lowest to highest: the key's default, {@code .mcp/config.json} (nested objects or
 * dotted names), the environment ({@link ConfigKey#envName()}), command-line flags. An unknown key in
 * the file or a flag, or a value that is not allowed, is a {@link ConfigException} naming the key.
 * Unknown {@code MCP_*} environment variables are left alone: other MCP tools share the prefix.
 */
public final class Config {
    /** Where a value came from. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT, FLAG }

    /** A key's value and its origin. */
    public record Entry(ConfigKey<?> key, Object value, Source source, String origin) {}

    private final Map<String, Entry> entries;

    private Config(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Every key at its default. */
    public static Config defaults(Collection<ConfigKey<?>> keys) {
        return load(keys, null, Map.of(), Map.of());
    }

    /**
     * Loads {@code keys} from the file (absent is fine), the environment and flags.
     *
     * @param file  {@code .mcp/config.json}, or {@code null}
     * @param env   the environment, usually {@code System.getenv()}
     * @param flags dotted key to value, from the command line
     */
    public static Config load(Collection<ConfigKey<?>> keys, Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, ConfigKey<?>> known = new LinkedHashMap<>();
        for (ConfigKey<?> k : keys) known.put(k.name(), k);
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (ConfigKey<?> k : keys) entries.put(k.name(), new Entry(k, k.defaultValue(), Source.DEFAULT, "default"));

        if (file != null && Files.exists(file)) {
            for (Map.Entry<String, String> e : readFile(file).entrySet()) {
                ConfigKey<?> key = knownKey(known, e.getKey(), file.toString());
                entries.put(key.name(), new Entry(key, key.parse(e.getValue(), file.toString()), Source.FILE, file.toString()));
            }
        }
        for (ConfigKey<?> key : keys) {
            String value = env.get(key.envName());
            if (value != null)
                entries.put(key.name(), new Entry(key, key.parse(value, "environment " + key.envName()), Source.ENVIRONMENT, key.envName()));
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            ConfigKey<?> key = knownKey(known, e.getKey(), "command line");
            entries.put(key.name(), new Entry(key, key.parse(e.getValue(), "command line"), Source.FLAG, "--set " + key.name()));
        }
        return new Config(entries);
    }

    private static ConfigKey<?> knownKey(Map<String, ConfigKey<?>> known, String name, String origin) {
        ConfigKey<?> key = known.get(name);
        if (key == null)
            throw new ConfigException("unknown configuration key '" + name + "' (from " + origin + "); known keys: " + new TreeSet<>(known.keySet()));
        return key;
    }

    /** Flattens the JSON file into dotted names and scalar texts. */
    private static Map<String, String> readFile(Path file) {
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new ConfigException(file + " must hold a JSON object");
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", root, out, file);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode value = e.getValue();
            if (value.isObject()) flatten(name, value, out, file);
            else if (value.isValueNode() && !value.isNull()) out.put(name, value.asString());
            else throw new ConfigException(name + " (from " + file + "): must be a number, string or boolean, was " + value.getNodeType());
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        Entry e = entries.get(key.name());
        if (e == null) throw new IllegalArgumentException("configuration key '" + key.name() + "' was not loaded");
        return (T) e.value();
    }

    /** Every key, in the order the keys were given, with its source. */
    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }
}
