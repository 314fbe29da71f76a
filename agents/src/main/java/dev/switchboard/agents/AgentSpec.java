package dev.switchboard.agents;

import java.util.Objects;

/**
 * One agent as the configuration file declares it: an entry of {@code mcpServers} (or VS Code's
 * {@code servers}) plus the Switchboard keys.
 *
 * @param name      the entry's name; its tools appear as {@code name + separator + tool}
 * @param launch    how to reach it
 * @param pool      how many members to keep
 * @param affinity  whether a client session stays on one member
 * @param retry     whether any call may be retried on another member when its member dies
 *                  (otherwise only tools marked {@code idempotentHint} or {@code readOnlyHint})
 * @param timeoutMs how long one call may take before it fails with a timeout
 * @param priority  the default queue priority of this agent's calls when every member is busy (higher first)
 * @param maxMessageBytes the largest message taken from the agent (a stdio line, an HTTP body, an SSE event); a larger
 *                  answer is refused unread and its call fails with {@code -32014}
 */
public record AgentSpec(String name, Launch launch, PoolSize pool, Affinity affinity, boolean retry, long timeoutMs, int priority,
                        int maxMessageBytes) {
    public AgentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(affinity, "affinity");
        if (timeoutMs <= 0) throw new IllegalArgumentException("timeoutMs must be positive, got " + timeoutMs);
        if (maxMessageBytes <= 0) throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
    }

    /** An agent with the default message limit ({@code agents.maxMessageBytes}, 16 MiB). */
    public AgentSpec(String name, Launch launch, PoolSize pool, Affinity affinity, boolean retry, long timeoutMs, int priority) {
        this(name, launch, pool, affinity, retry, timeoutMs, priority, AgentsSettings.MAX_MESSAGE_BYTES.defaultValue());
    }
}
