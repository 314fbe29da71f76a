package dev.switchboard.load;

import java.util.Arrays;
import java.util.List;

/** The load scenarios, by the names the command line uses. */
public enum Scenario {
    SEQUENTIAL("sequential", "one connection, N requests back to back"),
    CONCURRENT("concurrent", "C connections (default 50) sharing N requests"),
    BURST("burst", "500 requests fired at once on their own connections; fails below 98% success"),
    SUSTAINED("sustained", "a fixed rate R for a duration D; degradation ratio and server memory growth"),
    CHURN("churn", "per iteration: initialize, initialized, tools/call, DELETE"),
    STATELESS("stateless", "C connections sending 2026-07-28 tools/call without a session (MCP-Protocol-Version, Mcp-Method, Mcp-Name, _meta)"),
    IDLE_SESSIONS("idle-sessions", "N sessions each holding a GET SSE stream; server memory per session"),
    FANOUT("fanout", "S subscribers to one resource, updates at H Hz; delivered/expected and delivery p99"),
    TASKS("tasks", "C sessions (2025-11-25) each sending a plain tools/call then the same call with params.task; task create p50/p99 against the plain call's"),
    ABUSE("abuse", "concurrent alone, then beside slowloris, silent and never-reading clients; goals PASS/MISS");

    private final String label;
    private final String description;

    Scenario(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The scenario named {@code name}, or an error listing the names. */
    public static Scenario named(String name) {
        for (Scenario s : values()) if (s.label.equals(name)) return s;
        throw new IllegalArgumentException("no scenario '" + name + "'; choose one of " + labels());
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Scenario::label).toList();
    }

    /** Whether plain HTTP mode (any endpoint, no MCP) can run this scenario. */
    boolean plainHttp() {
        return this == SEQUENTIAL || this == CONCURRENT || this == BURST || this == SUSTAINED;
    }
}
