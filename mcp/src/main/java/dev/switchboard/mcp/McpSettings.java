package dev.switchboard.mcp;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * The MCP engine's settings.
 *
 * @param maxSessions      open sessions allowed at once; past it {@code initialize} is refused
 * @param idleTimeout      a session with no traffic for this long is evicted
 * @param pageSize         items per page of {@code tools/list}, {@code resources/list}, …
 * @param clientTimeout    how long a server-to-client request waits for its answer
 * @param requestStateKey  the secret that signs input_required request states (and list cursors);
 *     empty means a random key per process, so only this process can continue its own rounds
 * @param requestStateTtl  how long an input_required round may take before its state expires
 * @param sessionMaxInflight requests one session may have in flight at once (those waiting on the
 *     client included); past it the session's next request is refused with -32000, so one session
 *     cannot take the whole of {@code performance.maxInflight}
 */
public record McpSettings(int maxSessions, Duration idleTimeout, int pageSize, Duration clientTimeout, String requestStateKey,
                          Duration requestStateTtl, int sessionMaxInflight) {
    public static final ConfigKey<Integer> MAX_SESSIONS = ConfigKey.integer("sessions.max", 100_000, 1, 10_000_000, "open sessions allowed at once");
    public static final ConfigKey<Long> IDLE_TIMEOUT_MS = ConfigKey.longInteger("sessions.idleTimeoutMs", 1_800_000, 1_000, 86_400_000, "idle time after which a session is evicted");
    public static final ConfigKey<Integer> PAGE_SIZE = ConfigKey.integer("mcp.pageSize", 100, 1, 10_000, "items per page of list results");
    public static final ConfigKey<Long> CLIENT_TIMEOUT_MS = ConfigKey.longInteger("mcp.clientTimeoutMs", 300_000, 100, 3_600_000, "how long a server-to-client request waits for the answer");

    public static final ConfigKey<String> REQUEST_STATE_KEY = ConfigKey.secret("mcp.requestStateKey",
            "secret that signs input_required states and cursors; set the same on every instance behind one load balancer");
    public static final ConfigKey<Long> REQUEST_STATE_TTL_MS = ConfigKey.longInteger("mcp.requestStateTtlMs", 600_000, 1_000, 86_400_000,
            "how long an input_required round may take before its state expires");

    public static final ConfigKey<Integer> SESSION_MAX_INFLIGHT = ConfigKey.integer("sessions.maxInflight", 256, 1, 1_000_000,
            "requests one session may have in flight at once, those waiting on the client included");

    /** Every engine key, for {@link Config#load}. */
    public static final List<ConfigKey<?>> KEYS = List.of(MAX_SESSIONS, IDLE_TIMEOUT_MS, PAGE_SIZE, CLIENT_TIMEOUT_MS, REQUEST_STATE_KEY,
            REQUEST_STATE_TTL_MS, SESSION_MAX_INFLIGHT);

    public static McpSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    public static McpSettings from(Config c) {
        return new McpSettings(c.get(MAX_SESSIONS), Duration.ofMillis(c.get(IDLE_TIMEOUT_MS)), c.get(PAGE_SIZE), Duration.ofMillis(c.get(CLIENT_TIMEOUT_MS)),
                c.get(REQUEST_STATE_KEY), Duration.ofMillis(c.get(REQUEST_STATE_TTL_MS)), c.get(SESSION_MAX_INFLIGHT));
    }

    public McpSettings withMaxSessions(int max) {
        return new McpSettings(max, idleTimeout, pageSize, clientTimeout, requestStateKey, requestStateTtl, sessionMaxInflight);
    }

    public McpSettings withIdleTimeout(Duration d) {
        return new McpSettings(maxSessions, d, pageSize, clientTimeout, requestStateKey, requestStateTtl, sessionMaxInflight);
    }

    public McpSettings withPageSize(int size) {
        return new McpSettings(maxSessions, idleTimeout, size, clientTimeout, requestStateKey, requestStateTtl, sessionMaxInflight);
    }

    /** The same settings signing request states with {@code secret} (shared by every instance that may continue a round). */
    public McpSettings withRequestStateKey(String secret) {
        return new McpSettings(maxSessions, idleTimeout, pageSize, clientTimeout, secret, requestStateTtl, sessionMaxInflight);
    }

    /** The same settings allowing {@code max} requests in flight per session. */
    public McpSettings withSessionMaxInflight(int max) {
        return new McpSettings(maxSessions, idleTimeout, pageSize, clientTimeout, requestStateKey, requestStateTtl, max);
    }
}
