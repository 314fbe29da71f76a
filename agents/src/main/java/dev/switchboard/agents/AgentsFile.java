package dev.switchboard.agents;

import dev.switchboard.kernel.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the agents of a configuration file: the {@code mcpServers} section users keep for their
 * clients ({@code command}/{@code args}/{@code env} or {@code url}/{@code headers}), or VS Code's
 * {@code servers} with {@code type}, plus Switchboard's per-server keys. Every problem in the file
 * is collected and reported at once, each with the file, the server's name and what is wrong.
 *
 * @param agents   the agents, in file order
 * @param warnings what was ignored: keys of other clients this gateway does not use, disabled servers
 */
public record AgentsFile(List<AgentSpec> agents, List<String> warnings) {

    /**
     * The top-level sections of the configuration file this class reads (the kernel's key loader
     * leaves them alone): the servers, and VS Code's {@code inputs} (prompted values, which no one
     * is here to prompt: warned about, not refused, so the file works as it is).
     */
    public static final Set<String> SECTIONS = Set.of("mcpServers", "servers", "inputs");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Set<String> OURS = Set.of("type", "command", "args", "env", "url", "headers", "pool", "affinity", "retry",
            "timeoutMs", "priority", "maxMessageBytes", "disabled");
    /** As the kernel's reader: duplicates refused; comments and trailing commas (VS Code's mcp.json is JSON with comments) taken. */
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS, tools.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    /** No agents. */
    public static AgentsFile none() {
        return new AgentsFile(List.of(), List.of());
    }

    /**
     * The agents in {@code file}; none when the file has no {@code mcpServers} or {@code servers}.
     *
     * @throws ConfigException naming the path, the server and each problem
     */
    public static AgentsFile read(Path file, AgentsSettings defaults) {
        JsonNode root;
        try {
            root = STRICT.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = e.getOriginalMessage().startsWith("Duplicate Object property")
                    ? "a name is defined twice (" + e.getOriginalMessage() + ")" : "not valid JSON: " + e.getOriginalMessage();
            throw new ConfigException(file + where + ": " + what);
        }
        if (root == null || !root.isObject()) return none();
        List<String> problems = new ArrayList<>(), warnings = new ArrayList<>();
        if (root.has("inputs"))
            warnings.add(file + ": inputs: Switchboard prompts for no input; a value written as ${input:…} is passed as it is written");
        Map<String, AgentSpec> agents = new LinkedHashMap<>();
        Map<String, String> sectionOf = new LinkedHashMap<>();
        for (String section : List.of("mcpServers", "servers")) {
            JsonNode servers = root.get(section);
            if (servers == null) continue;
            if (!servers.isObject()) {
                problems.add(file + ": " + section + " must be an object of servers by name, was " + servers.getNodeType());
                continue;
            }
            for (Map.Entry<String, JsonNode> e : servers.properties()) {
                String name = e.getKey();
                String where = file + ": " + section + "." + name;
                if (sectionOf.containsKey(name)) {
                    problems.add(where + ": duplicate server name '" + name + "' (also in " + sectionOf.get(name) + ")");
                    continue;
                }
                sectionOf.put(name, section);
                AgentSpec spec = new ServerEntry(where, name, e.getValue(), defaults, problems, warnings).spec();
                if (spec != null) agents.put(name, spec);
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new AgentsFile(List.copyOf(agents.values()), List.copyOf(warnings));
    }

    /** One server's entry, read once; problems are added with {@code where} in front. */
    private record ServerEntry(String where, String name, JsonNode node, AgentsSettings defaults, List<String> problems, List<String> warnings) {

        AgentSpec spec() {
            if (!NAME.matcher(name).matches()) problem("the name must be letters, digits, '_', '-' or '.'");
            if (!node.isObject()) {
                problem("must be an object with command or url, was " + node.getNodeType());
                return null;
            }
            if (node.path("disabled").asBoolean(false)) {
                warnings.add(where + ": disabled, not started");
                return null;
            }
            for (String key : node.propertyNames())
                if (!OURS.contains(key)) warnings.add(where + ": key '" + key + "' is not used by Switchboard and is ignored");
            if (node.toString().contains("${"))
                warnings.add(where + ": a value holds ${…}; Switchboard substitutes no variables and prompts for no inputs, so it is passed as it is written");
            int before = problems.size();
            Launch launch = launch();
            PoolSize pool = pool();
            Affinity affinity = switch (text("affinity", "none")) {
                case "session" -> Affinity.SESSION;
                case "none" -> Affinity.NONE;
                default -> {
                    problem("affinity must be \"session\" or \"none\", was " + node.get("affinity"));
                    yield Affinity.NONE;
                }
            };
            boolean retry = bool("retry");
            long timeoutMs = number("timeoutMs", defaults.timeoutMs(), 1, 86_400_000);
            int priority = (int) number("priority", 0, -1000, 1000);
            int maxMessageBytes = (int) number("maxMessageBytes", defaults.maxMessageBytes(), 1_024, 256 * 1024 * 1024);
            if (problems.size() > before || launch == null) return null;
            return new AgentSpec(name, launch, pool, affinity, retry, timeoutMs, priority, maxMessageBytes);
        }

        private Launch launch() {
            String type = text("type", null);
            boolean hasCommand = node.has("command"), hasUrl = node.has("url");
            if (hasCommand && hasUrl) {
                problem("has both command and url; give one");
                return null;
            }
            if (type != null && !Set.of("stdio", "http", "streamable-http", "streamableHttp", "sse").contains(type)) {
                problem("type must be \"stdio\", \"http\" or \"sse\" (the legacy HTTP+SSE transport), was \"" + type + "\"");
                return null;
            }
            if (hasCommand) {
                if (type != null && !type.equals("stdio")) problem("type is \"" + type + "\" but the entry has a command");
                String command = text("command", "");
                if (command.isBlank()) problem("command must be a non-empty string");
                List<String> argv = new ArrayList<>(List.of(command));
                JsonNode args = node.path("args");
                if (!args.isMissingNode()) {
                    if (!args.isArray()) problem("args must be an array of strings");
                    else for (JsonNode a : args) {
                        if (a.isString() || a.isNumber() || a.isBoolean()) argv.add(a.asString());
                        else problem("args must hold strings, found " + a.getNodeType());
                    }
                }
                return new Launch.Stdio(argv, strings("env"));
            }
            if (hasUrl) {
                if ("stdio".equals(type)) problem("type is \"stdio\" but the entry has a url and no command");
                String url = text("url", "");
                try {
                    URI uri = URI.create(url);
                    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                        problem("url must be an http or https URL, was \"" + url + "\"");
                        return null;
                    }
                    return "sse".equals(type) ? new Launch.LegacySse(uri, strings("headers")) : new Launch.Http(uri, strings("headers"));
                } catch (IllegalArgumentException e) {
                    problem("url \"" + url + "\" is not a URL: " + e.getMessage());
                    return null;
                }
            }
            problem("needs a command (stdio) or a url (Streamable HTTP, or legacy HTTP+SSE with \"type\": \"sse\")");
            return null;
        }

        private PoolSize pool() {
            PoolSize d = defaults.pool();
            JsonNode pool = node.path("pool");
            if (pool.isMissingNode()) return d;
            if (!pool.isObject()) {
                problem("pool must be an object with min, max, idleMs");
                return d;
            }
            for (String key : pool.propertyNames())
                if (!Set.of("min", "max", "idleMs").contains(key)) problem("pool has the unknown key '" + key + "' (known: min, max, idleMs)");
            long min = number(pool, "pool.min", d.min(), 0, 10_000), max = number(pool, "pool.max", Math.max(d.max(), min), 1, 10_000);
            long idle = number(pool, "pool.idleMs", d.idleMs(), 0, 86_400_000);
            if (min > max) {
                problem("pool.min (" + min + ") is above pool.max (" + max + ")");
                return d;
            }
            return new PoolSize((int) min, (int) max, idle);
        }

        private Map<String, String> strings(String key) {
            JsonNode n = node.path(key);
            Map<String, String> out = new LinkedHashMap<>();
            if (n.isMissingNode()) return out;
            if (!n.isObject()) {
                problem(key + " must be an object of strings");
                return out;
            }
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) out.put(e.getKey(), e.getValue().asString());
                else problem(key + "." + e.getKey() + " must be a string, was " + e.getValue().getNodeType());
            }
            return out;
        }

        private String text(String key, String fallback) {
            JsonNode n = node.get(key);
            if (n == null) return fallback;
            if (!n.isString()) {
                problem(key + " must be a string, was " + n.getNodeType());
                return fallback;
            }
            return n.asString();
        }

        private boolean bool(String key) {
            JsonNode n = node.get(key);
            if (n == null) return false;
            if (!n.isBoolean()) problem(key + " must be true or false, was " + n);
            return n.asBoolean(false);
        }

        private long number(String key, long fallback, long min, long max) {
            return number(node, key, fallback, min, max);
        }

        private long number(JsonNode in, String label, long fallback, long min, long max) {
            JsonNode n = in.get(label.substring(label.lastIndexOf('.') + 1));
            if (n == null) return fallback;
            if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
                problem(label + " must be a whole number from " + min + " to " + max + ", was " + n);
                return fallback;
            }
            return n.asLong();
        }

        private void problem(String what) {
            problems.add(where + ": " + what);
        }
    }
}
