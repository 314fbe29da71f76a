package dev.switchboard.kernel;

/**
 * A cache's lookups so far: found ({@code hits}) and not found ({@code misses}).
 *
 * <p>For the route cache a hit is a path matched without resolving it again; for the event bus's
 * idempotency window a hit is a correlation id already seen, so a duplicate not delivered.
 */
public record CacheCounts(long hits, long misses) {
    /** hits / (hits + misses), or 0 before any lookup. */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }
}
