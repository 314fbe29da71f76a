package dev.switchboard.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The effective configuration: every known key with its value and where that value came from.
 *
 * <p>Sources, lowest to highest: the key's default, {@code .mcp/config.json} (nested objects or
 * dotted names), the environment ({@link ConfigKey#envName()}), command-line flags. Every unknown key
 * in the file or a flag and every value that is not allowed is collected, and all of them are
 * reported at once in one {@link ConfigException}, each unknown key with the nearest known one
 * ("did you mean"). An unknown {@code MCP_*} environment variable is a {@linkplain #warnings()
 * warning}, not an error: other MCP tools share the prefix, so a shell set up for them must still
 * start the server; the warning names the variable and the key it probably meant.
 */
public final class Config {
    /**
     * Duplicate keys are refused rather than won by the last one: a file that sets a key twice is a
     * mistake to name. Comments and trailing commas are taken: the file is also a client's MCP file,
     * and VS Code's {@code mcp.json} is JSON with comments.
     */
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS, tools.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    /** Where a value came from. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT, FLAG }

    /** A key's value and its origin. */
    public record Entry(ConfigKey<?> key, Object value, Source source, String origin) {}

    private final Map<String, Entry> entries;
    private final List<String> warnings;

    private Config(Map<String, Entry> entries, List<String> warnings) {
        this.entries = entries;
        this.warnings = List.copyOf(warnings);
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
     * @throws ConfigException listing every problem found: unknown keys, values not allowed, a
     *                         malformed file (with its line and column)
     */
    public static Config load(Collection<ConfigKey<?>> keys, Path file, Map<String, String> env, Map<String, String> flags) {
        return load(keys, java.util.Set.of(), file, env, flags);
    }

    /**
     * As {@link #load(Collection, Path, Map, Map)}, leaving the file's top-level {@code sections}
     * (e.g. {@code mcpServers}) to the module that reads them: they are not keys and are not
     * checked here.
     */
    public static Config load(Collection<ConfigKey<?>> keys, java.util.Set<String> sections, Path file, Map<String, String> env,
                              Map<String, String> flags) {
        Map<String, ConfigKey<?>> known = new LinkedHashMap<>();
        for (ConfigKey<?> k : keys) known.put(k.name(), k);
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (ConfigKey<?> k : keys) entries.put(k.name(), new Entry(k, k.defaultValue(), Source.DEFAULT, "default"));
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        if (file != null && Files.exists(file)) {
            for (Map.Entry<String, String> e : readFile(file, sections, problems).entrySet())
                set(entries, known, e.getKey(), e.getValue(), Source.FILE, file.toString(), problems);
        }
        Map<String, ConfigKey<?>> byEnvName = new TreeMap<>();
        for (ConfigKey<?> key : keys) byEnvName.put(key.envName(), key);
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            ConfigKey<?> key = byEnvName.get(e.getKey());
            if (key != null) set(entries, known, key.name(), e.getValue(), Source.ENVIRONMENT, e.getKey(), problems);
            else if (e.getKey().startsWith("MCP_"))
                warnings.add("environment variable " + e.getKey() + " is not a configuration key and is ignored"
                        + KeySuggestions.nearest(e.getKey(), byEnvName.keySet()).map(s -> "; did you mean " + s + "?").orElse(""));
        }
        for (Map.Entry<String, String> e : flags.entrySet())
            set(entries, known, e.getKey(), e.getValue(), Source.FLAG, "command line", problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new Config(entries, warnings);
    }

    /** Sets {@code name} from one source, or adds the reason it cannot be set to {@code problems}. */
    private static void set(Map<String, Entry> entries, Map<String, ConfigKey<?>> known, String name, String text, Source source,
                            String origin, List<String> problems) {
        ConfigKey<?> key = known.get(name);
        if (key == null) {
            problems.add("unknown configuration key '" + name + "' (from " + origin + ")"
                    + KeySuggestions.nearest(name, known.keySet()).map(s -> "; did you mean '" + s + "'?")
                    .orElse("; known keys: " + String.join(", ", new TreeSet<>(known.keySet()))));
            return;
        }
        String where = source == Source.ENVIRONMENT ? "environment " + origin : origin;
        try {
            Object value = key.parse(text, where);
            entries.put(key.name(), new Entry(key, value, source, source == Source.FLAG ? "--set " + key.name() : origin));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
    }

    /** Flattens the JSON file into dotted names and scalar texts; a value that is not a scalar is a problem. */
    private static Map<String, String> readFile(Path file, java.util.Set<String> sections, List<String> problems) {
        JsonNode root;
        try {
            root = STRICT.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        } catch (JacksonException e) {
            if (e instanceof StreamReadException read && read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate"))
                throw new ConfigException(file + ": key '" + duplicateKey(read) + "' is given twice" + lineOf(e) + "; remove one of them");
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(file + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || !root.isObject()) throw new ConfigException(file + " must hold a JSON object");
        Map<String, String> out = new LinkedHashMap<>();
        tools.jackson.databind.node.ObjectNode keys = ((tools.jackson.databind.node.ObjectNode) root).deepCopy();
        sections.forEach(keys::remove);
        flatten("", keys, out, file, problems);
        return out;
    }

    /** The dotted name of the key a duplicate-property error is about, from the parser's position. */
    private static String duplicateKey(StreamReadException e) {
        String name = e.getOriginalMessage().replaceFirst("^[^\"]*\"(.*)\".*$", "$1");
        JsonParser parser = e.processor();
        if (parser == null) return name;
        List<String> path = new ArrayList<>();
        for (TokenStreamContext c = parser.streamReadContext().getParent(); c != null; c = c.getParent())
            if (c.currentName() != null) path.addFirst(c.currentName());
        path.add(name);
        return String.join(".", path);
    }

    private static String lineOf(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file, List<String> problems) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode value = e.getValue();
            if (value.isObject()) flatten(name, value, out, file, problems);
            else if (out.containsKey(name)) problems.add(name + " (from " + file + "): given twice, nested and dotted; remove one of them");
            else if (value.isValueNode() && !value.isNull()) out.put(name, value.asString());
            else problems.add(name + " (from " + file + "): must be a number, string or boolean, was " + value.getNodeType());
        }
    }

    /**
     * What was set but not used and did not stop loading: unknown {@code MCP_*} environment
     * variables, each with the variable it probably meant. The caller shows them (the CLI on stderr).
     */
    public List<String> warnings() {
        return warnings;
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
