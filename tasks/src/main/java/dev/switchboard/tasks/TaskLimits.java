package dev.switchboard.tasks;

/**
 * The engine's bounds.
 *
 * @param maxRunning          live tasks (working or input_required) the whole server holds at once
 * @param maxRunningPerOwner  live tasks one session or principal holds at once
 * @param defaultTtlMs        retention when the client asks for none
 * @param maxTtlMs            the cap on any requested retention (a larger request is lowered)
 * @param pollIntervalMs      the polling interval suggested to clients
 * @param retryAfterMs        what a refusal at a cap tells the client to wait
 * @param sweepIntervalMs     how often expired tasks are removed
 */
public record TaskLimits(int maxRunning, int maxRunningPerOwner, long defaultTtlMs, long maxTtlMs,
                         long pollIntervalMs, long retryAfterMs, long sweepIntervalMs) {

    public TaskLimits {
        if (maxRunning < 1) throw new IllegalArgumentException("maxRunning must be at least 1, was " + maxRunning);
        if (maxRunningPerOwner < 1) {
            throw new IllegalArgumentException("maxRunningPerOwner must be at least 1, was " + maxRunningPerOwner);
        }
        if (defaultTtlMs < 1 || maxTtlMs < defaultTtlMs) {
            throw new IllegalArgumentException("need 1 <= defaultTtlMs <= maxTtlMs, was " + defaultTtlMs + ", " + maxTtlMs);
        }
        if (pollIntervalMs < 1 || retryAfterMs < 1 || sweepIntervalMs < 1) {
            throw new IllegalArgumentException("pollIntervalMs, retryAfterMs and sweepIntervalMs must be positive");
        }
    }

    /** 1,000 live tasks, 100 per owner, 1 h default TTL capped at 24 h, 1 s polling, 1 s retry, 10 s sweep. */
    public static TaskLimits defaults() {
        return new TaskLimits(1000, 100, 3_600_000, 86_400_000, 1000, 1000, 10_000);
    }

    /** The TTL a task gets when the client asked for {@code requested} (null: the default). */
    public long grantTtl(Long requested) {
        if (requested == null || requested <= 0) return defaultTtlMs;
        return Math.min(requested, maxTtlMs);
    }
}
