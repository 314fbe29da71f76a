package dev.switchboard.mcp;

/**
 * The listing cache's counts so far (pages of {@code tools/list}, {@code resources/list},
 * {@code resources/templates/list}, {@code prompts/list}), for /metrics.
 *
 * @param hits      pages served from the cache
 * @param misses    pages rendered (first request, or after a change of the catalogue)
 * @param evictions pages dropped for size or age (not counting those emptied by a change)
 * @param size      pages held now (approximate)
 */
public record ListingCacheCounts(long hits, long misses, long evictions, long size) {
    /** hits / (hits + misses), or 0 before any listing. */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }
}
