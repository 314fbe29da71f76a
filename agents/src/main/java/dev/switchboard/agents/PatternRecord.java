package dev.switchboard.agents;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished call as {@link PatternMemory} keeps it.
 *
 * @param tool          the tool's name as the agent knows it (without the gateway's prefix)
 * @param arguments     the call's arguments as text (their JSON is fine)
 * @param agent         the agent (or pool member) that ran it
 * @param succeeded     whether it answered a result without {@code isError}
 * @param latencyMicros how long the call took
 * @param at            when it finished
 */
public record PatternRecord(String tool, String arguments, String agent, boolean succeeded, long latencyMicros, Instant at) {
    public PatternRecord {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(agent, "agent");
        arguments = arguments == null ? "" : arguments;
        at = at == null ? Instant.now() : at;
    }

    /** The text the memory embeds: what was asked, not who answered it. */
    String description() {
        return ToolText.words(tool) + ": " + arguments;
    }
}
