package dev.switchboard.agents;

/**
 * How many members an agent's pool keeps: {@code min} started ahead of the first call and kept,
 * up to {@code max} while calls wait, members beyond {@code min} closed after {@code idleMs} unused.
 */
public record PoolSize(int min, int max, long idleMs) {
    public PoolSize {
        if (min < 0 || max < 1 || min > max || idleMs < 0)
            throw new IllegalArgumentException("pool needs 0 <= min <= max, max >= 1, idleMs >= 0; got min " + min + ", max " + max + ", idleMs " + idleMs);
    }
}
