package dev.switchboard.agents;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.util.List;

/**
 * The gateway's configuration keys ({@code agents.*}): defaults for every agent that the file's
 * per-server keys ({@code pool}, {@code timeoutMs}, {@code priority}, {@code maxMessageBytes}) override.
 *
 * @param separator          between an agent's name and its tool or prompt name
 * @param pool               default pool size
 * @param memberConcurrency  calls one member runs at once; more wait in the queue
 * @param timeoutMs          default per-call timeout
 * @param queuePrimary       waiting calls per agent before the overflow is used
 * @param queueOverflow      further waiting calls per agent; beyond both the lowest priority is refused
 * @param healthIntervalMs   how often idle members are pinged
 * @param restartBackoffMs   first wait before an agent that cannot start is tried again (doubles, up to 30 s)
 * @param startTimeoutMs     how long a new member may take to start and answer initialize
 * @param maxMessageBytes    default limit on one message from an agent
 */
public record AgentsSettings(String separator, PoolSize pool, int memberConcurrency, long timeoutMs, int queuePrimary,
                             int queueOverflow, long healthIntervalMs, long restartBackoffMs, long startTimeoutMs, int maxMessageBytes) {

    /** Settings with the default message limit. */
    public AgentsSettings(String separator, PoolSize pool, int memberConcurrency, long timeoutMs, int queuePrimary,
                          int queueOverflow, long healthIntervalMs, long restartBackoffMs, long startTimeoutMs) {
        this(separator, pool, memberConcurrency, timeoutMs, queuePrimary, queueOverflow, healthIntervalMs, restartBackoffMs, startTimeoutMs,
                MAX_MESSAGE_BYTES.defaultValue());
    }

    public static final ConfigKey<String> SEPARATOR = ConfigKey.string("agents.separator", "_",
            "Text between an agent's name and the names of its tools and prompts (e.g. files_read_file).");
    public static final ConfigKey<Integer> POOL_MIN = ConfigKey.integer("agents.pool.min", 5, 0, 10_000,
            "Members each agent's pool starts before the first call and keeps (per-server key: pool.min).");
    public static final ConfigKey<Integer> POOL_MAX = ConfigKey.integer("agents.pool.max", 100, 1, 10_000,
            "Most members one agent's pool grows to while calls wait (per-server key: pool.max).");
    public static final ConfigKey<Long> POOL_IDLE_MS = ConfigKey.longInteger("agents.pool.idleMs", 30_000, 0, 86_400_000,
            "Members beyond pool.min unused this long are closed (per-server key: pool.idleMs).");
    public static final ConfigKey<Integer> MEMBER_CONCURRENCY = ConfigKey.integer("agents.memberConcurrency", 16, 1, 10_000,
            "Calls one pool member runs at once; further calls wait in the agent's queue.");
    public static final ConfigKey<Long> TIMEOUT_MS = ConfigKey.longInteger("agents.timeoutMs", 60_000, 1, 86_400_000,
            "How long a call to an agent may take (per-server key: timeoutMs).");
    public static final ConfigKey<Integer> QUEUE_PRIMARY = ConfigKey.integer("agents.queue.primary", 1_000, 0, 1_000_000,
            "Calls that wait per agent when every member is busy, before the overflow.");
    public static final ConfigKey<Integer> QUEUE_OVERFLOW = ConfigKey.integer("agents.queue.overflow", 10_000, 0, 1_000_000,
            "Further calls that wait per agent; when both are full the lowest priority is refused.");
    public static final ConfigKey<Long> HEALTH_INTERVAL_MS = ConfigKey.longInteger("agents.healthIntervalMs", 5_000, 100, 3_600_000,
            "How often each pool member is pinged.");
    public static final ConfigKey<Long> RESTART_BACKOFF_MS = ConfigKey.longInteger("agents.restartBackoffMs", 500, 10, 600_000,
            "First wait before an agent that cannot start is tried again; doubles up to 30 s.");
    public static final ConfigKey<Long> START_TIMEOUT_MS = ConfigKey.longInteger("agents.startTimeoutMs", 20_000, 100, 600_000,
            "How long a new pool member may take to start and answer initialize.");
    /*
     * 16 MiB, where the server's own inbound limits (http.maxBodyBytes, stdio.maxLineBytes) are 4 MiB: those bound
     * requests, which are small; this bounds answers, which carry files and images (a 10 MB file read as base64 is
     * 13.4 MB). Same range as the server's keys.
     */
    public static final ConfigKey<Integer> MAX_MESSAGE_BYTES = ConfigKey.integer("agents.maxMessageBytes", 16 * 1024 * 1024, 1_024,
            256 * 1024 * 1024, "Largest message taken from an agent (stdio line, HTTP body, SSE event); a larger answer is refused unread "
                    + "and its call fails with -32014 (per-server key: maxMessageBytes).");

    /** Every key, for the CLI's key list. */
    public static final List<ConfigKey<?>> KEYS = List.of(SEPARATOR, POOL_MIN, POOL_MAX, POOL_IDLE_MS, MEMBER_CONCURRENCY, TIMEOUT_MS,
            QUEUE_PRIMARY, QUEUE_OVERFLOW, HEALTH_INTERVAL_MS, RESTART_BACKOFF_MS, START_TIMEOUT_MS, MAX_MESSAGE_BYTES);

    /** The settings in {@code config}. */
    public static AgentsSettings from(Config config) {
        return new AgentsSettings(config.get(SEPARATOR), new PoolSize(config.get(POOL_MIN), Math.max(config.get(POOL_MIN), config.get(POOL_MAX)),
                config.get(POOL_IDLE_MS)), config.get(MEMBER_CONCURRENCY), config.get(TIMEOUT_MS), config.get(QUEUE_PRIMARY),
                config.get(QUEUE_OVERFLOW), config.get(HEALTH_INTERVAL_MS), config.get(RESTART_BACKOFF_MS),
                config.get(START_TIMEOUT_MS), config.get(MAX_MESSAGE_BYTES));
    }

    /** Every key at its default. */
    public static AgentsSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    /** These settings with another default pool size (tests and benchmarks). */
    public AgentsSettings withPool(PoolSize size) {
        return new AgentsSettings(separator, size, memberConcurrency, timeoutMs, queuePrimary, queueOverflow, healthIntervalMs, restartBackoffMs,
                startTimeoutMs, maxMessageBytes);
    }

    /** These settings with another start timeout and first restart backoff (tests). */
    public AgentsSettings withStart(long startTimeoutMs, long restartBackoffMs) {
        return new AgentsSettings(separator, pool, memberConcurrency, timeoutMs, queuePrimary, queueOverflow, healthIntervalMs, restartBackoffMs,
                startTimeoutMs, maxMessageBytes);
    }
}
