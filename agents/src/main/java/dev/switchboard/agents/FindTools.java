package dev.switchboard.agents;

import dev.switchboard.kernel.Subscription;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Tools;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in {@code find_tools} tool on an {@link McpServer}: a query in plain words returns
 * the best matching tools of the server's current catalogue (name, description, score). The
 * index follows the catalogue: every tools list change (a tool added or removed at run time, an
 * agent's tools aggregated by the gateway) re-syncs it. In compact mode, {@code tools/list}
 * shows only {@code find_tools} and the most used tools; the others stay callable by name.
 *
 * <pre>{@code
 * ToolUsage usage = new ToolUsage();
 * McpServer server = McpServer.builder("s", "1").observer(usage.observing(RequestObserver.NONE)) ... .build();
 * FindTools.attach(server, ToolSearch.create(Embedder.miniLm()), usage, ToolSearchSettings.defaults().withCompact(true));
 * }</pre>
 */
public final class FindTools implements AutoCloseable {
    public static final String NAME = "find_tools";
    /** Where an {@code McpServer} publishes list changes on its kernel's bus (see its class comment). */
    static final String LIST_CHANGED = "mcp://notify/list-changed";

    private static final System.Logger LOG = System.getLogger(FindTools.class.getName());

    private final McpServer server;
    private final ToolSearch search;
    private final ToolUsage usage;
    private final ToolSearchSettings settings;
    private final Subscription changes;
    /** Advice from finished calls: the agents that succeeded on work like the query rank higher; null when none. */
    private volatile Ranking ranking;

    private record Ranking(PatternMemory memory, java.util.function.Function<String, java.util.Optional<String>> agentOf) {}

    /** How much an agent's record on similar work moves its tools' scores, at most (scores stay in [0, 1]). */
    static final double PATTERN_WEIGHT = 0.10;

    private FindTools(McpServer server, ToolSearch search, ToolUsage usage, ToolSearchSettings settings) {
        this.server = server;
        this.search = search;
        this.usage = usage;
        this.settings = settings;
        // subscribe before the first sync, so a tool added meanwhile is not missed
        this.changes = server.kernel().bus().subscribe(LIST_CHANGED, m -> {
            if (McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED.equals(m.body())) resync();
        });
        server.addTool(definition(settings.maxResults()), (args, ctx) -> find(args));
        search.sync(searchable(server.tools()));
        if (settings.compact()) server.toolListing(this::listed);
    }

    /** Adds {@code find_tools} to {@code server} and indexes its catalogue now (embedding every tool once). */
    public static FindTools attach(McpServer server, ToolSearch search, ToolUsage usage, ToolSearchSettings settings) {
        return new FindTools(server, search, usage, settings);
    }

    /** The search behind the tool, in step with the server's catalogue. */
    public ToolSearch search() {
        return search;
    }

    private void resync() {
        try {
            search.sync(searchable(server.tools()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "find_tools: cannot re-index the tool catalogue: " + e.getMessage(), e);
        }
    }

    private static List<Tools.Tool> searchable(List<Tools.Tool> all) {
        return all.stream().filter(t -> !t.name().equals(NAME)).toList();
    }

    /** The compact listing: find_tools first, then the most used tools still in the catalogue. */
    List<Tools.Tool> listed(List<Tools.Tool> all) {
        List<Tools.Tool> shown = new ArrayList<>();
        for (Tools.Tool t : all) if (t.name().equals(NAME)) shown.add(t);
        all.stream().filter(t -> !t.name().equals(NAME) && usage.count(t.name()) > 0)
                .sorted(java.util.Comparator.comparingLong((Tools.Tool t) -> usage.count(t.name())).reversed())
                .limit(settings.listedTools()).forEach(shown::add);
        return shown;
    }

    private Object find(ObjectNode args) {
        JsonNode query = args.get("query");
        if (query == null || !query.isString() || query.asString().isBlank())
            throw McpException.invalidParams("find_tools needs 'query': what the tool should do, in plain words");
        int limit = args.has("limit") ? args.get("limit").asInt() : Math.min(10, settings.maxResults());
        if (limit < 1 || limit > settings.maxResults())
            throw McpException.invalidParams("find_tools 'limit' must be 1.." + settings.maxResults() + ", was " + args.get("limit"));
        return new Found(rank(query.asString(), limit));
    }

    /**
     * Ranks tools by what finished calls say as well as by meaning: among the best matches, a tool
     * of an agent that succeeded on work like {@code query} (in {@code memory}) gains up to
     * {@link #PATTERN_WEIGHT}, one of an agent that failed on it loses as much. {@code agentOf}
     * names a tool's agent (e.g. {@link Gateway#agentOf}).
     */
    public void rankBy(PatternMemory memory, java.util.function.Function<String, java.util.Optional<String>> agentOf) {
        this.ranking = new Ranking(java.util.Objects.requireNonNull(memory, "memory"), java.util.Objects.requireNonNull(agentOf, "agentOf"));
    }

    /** The {@code limit} best tools for {@code query}: by meaning, then adjusted by the agents' record on similar work. */
    List<ToolMatch> rank(String query, int limit) {
        Ranking r = ranking;
        if (r == null || r.memory().size() == 0) return search.find(query, limit);
        List<ToolMatch> candidates = search.find(query, Math.min(settings.maxResults(), limit * 3));
        java.util.Map<String, String> agents = new java.util.HashMap<>();
        for (ToolMatch m : candidates) r.agentOf().apply(m.name()).ifPresent(a -> agents.put(m.name(), a));
        java.util.Map<String, Double> record = r.memory().agentScores(query, new java.util.HashSet<>(agents.values()));
        return candidates.stream().map(m -> {
            Double standing = record.get(agents.get(m.name()));
            if (standing == null) return m;
            double adjusted = m.score() + PATTERN_WEIGHT * Math.tanh(standing);
            return new ToolMatch(m.name(), m.description(), (float) Math.max(0, Math.min(1, adjusted)));
        }).sorted(java.util.Comparator.comparingDouble(ToolMatch::score).reversed()).limit(limit).toList();
    }

    /** The structured result: {@code {"tools": [{"name", "description", "score"}, …]}}. */
    record Found(List<ToolMatch> tools) {}

    static Tools.Tool definition(int maxResults) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("query").put("type", "string").put("description", "What the tool should do, in plain words");
        props.putObject("limit").put("type", "integer").put("minimum", 1).put("maximum", maxResults)
                .put("description", "How many tools to return (default 10)");
        schema.putArray("required").add("query");
        schema.put("additionalProperties", false);
        return new Tools.Tool(NAME, "Find tools", "Searches this server's tools by meaning and returns the best matches "
                + "(name, description, score from 0 to 1). Use it when the tool you need is not listed: every tool it returns can be called by name.",
                schema, null, new Tools.ToolAnnotations(null, true, false, true, false), null, null, null);
    }

    /** Stops following the catalogue (the tool stays registered until the server closes). */
    @Override
    public void close() {
        changes.close();
    }
}
