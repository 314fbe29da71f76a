package dev.switchboard.mcp.protocol;

import java.util.List;

/**
 * Hints for the client about content and resources: who it is for, how much it matters, when it
 * last changed.
 *
 * @param audience     optional intended readers
 * @param priority     optional importance from 0 (optional) to 1 (effectively required)
 * @param lastModified optional ISO 8601 timestamp, e.g. {@code "2025-01-12T15:00:58Z"}
 */
public record Annotations(List<Role> audience, Double priority, String lastModified) {

    public Annotations {
        audience = audience == null ? null : List.copyOf(audience);
        if (priority != null && !(priority >= 0 && priority <= 1)) {
            throw new IllegalArgumentException("priority must be between 0 and 1, got " + priority);
        }
    }

    /** Annotations naming only the audience. */
    public static Annotations forAudience(Role... audience) {
        return new Annotations(List.of(audience), null, null);
    }

    /** A copy with {@code priority}. */
    public Annotations withPriority(double priority) {
        return new Annotations(audience, priority, lastModified);
    }
}
