package dev.switchboard.agents;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.util.List;

/**
 * Settings of the built-in {@code find_tools} tool.
 *
 * @param enabled     whether the server offers {@code find_tools} (loads the embedding model at start)
 * @param compact     whether {@code tools/list} shows only {@code find_tools} and the most used tools
 * @param listedTools how many of the most used tools a compact listing shows
 * @param maxResults  the most tools one {@code find_tools} call returns
 */
public record ToolSearchSettings(boolean enabled, boolean compact, int listedTools, int maxResults) {
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("tools.search.enabled", false,
            "offer the built-in find_tools tool (semantic search over the tool catalogue; loads a 23 MB embedding model)");
    public static final ConfigKey<String> LISTING = ConfigKey.choice("tools.search.listing", "all", List.of("all", "compact"),
            "what tools/list shows when find_tools is on: every tool, or only find_tools and the most used tools (the rest stay callable)");
    public static final ConfigKey<Integer> LISTED_TOOLS = ConfigKey.integer("tools.search.listedTools", 10, 0, 1_000,
            "how many of the most used tools a compact tools/list shows beside find_tools");
    public static final ConfigKey<Integer> MAX_RESULTS = ConfigKey.integer("tools.search.maxResults", 20, 1, 100,
            "the most tools one find_tools call may return");

    /** Every key, for {@link Config#load}. */
    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED, LISTING, LISTED_TOOLS, MAX_RESULTS);

    public static ToolSearchSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    public static ToolSearchSettings from(Config c) {
        return new ToolSearchSettings(c.get(ENABLED), c.get(LISTING).equals("compact"), c.get(LISTED_TOOLS), c.get(MAX_RESULTS));
    }

    public ToolSearchSettings withCompact(boolean on) {
        return new ToolSearchSettings(enabled, on, listedTools, maxResults);
    }

    public ToolSearchSettings withListedTools(int n) {
        return new ToolSearchSettings(enabled, compact, n, maxResults);
    }
}
