package dev.switchboard.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/*
 * Rendered pages of tools/list, resources/list, resources/templates/list and prompts/list. Why:
 * behind a gateway the catalogue is every agent's offer (hundreds of entries) and each page was
 * rebuilt per request: the list copied, its names fingerprinted for the cursor, the scopes
 * filtered. A page depends on the registry's generation, what the caller may see (its scopes,
 * when listing shows only callable tools) and the cursor, so those are the key: a change of the
 * registry bumps its generation and empties the cache, and a page of an older generation is
 * never served. Sizes from the orchestration seed: LRU-like (Caffeine's W-TinyLFU) 10,000
 * entries, 5 s after writing. A tools/list view that follows tool usage (find_tools' compact
 * listing) is not cached: it changes without the registry changing.
 */
final class ListingCache {
    static final int MAX_ENTRIES = 10_000;
    static final Duration TTL = Duration.ofSeconds(5);

    private record Key(String method, Set<String> scopes, String cursor, long generation) {}

    private final Cache<Key, Object> pages = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).recordStats().build();
    private final Registry registry;
    private volatile long seen;

    ListingCache(Registry registry) {
        this.registry = registry;
    }

    /** The page of {@code method} for a caller who sees {@code scopes} (null: everything) at {@code cursor}, rendered once per generation. */
    @SuppressWarnings("unchecked")
    <T> T page(String method, Set<String> scopes, String cursor, Supplier<T> render) {
        long generation = registry.generation();
        if (generation != seen) {
            seen = generation;
            pages.invalidateAll(); // older pages are unreachable by key anyway; this frees them at once
        }
        return (T) pages.get(new Key(method, scopes, cursor, generation), k -> render.get());
    }

    ListingCacheCounts counts() {
        CacheStats s = pages.stats();
        return new ListingCacheCounts(s.hitCount(), s.missCount(), s.evictionCount(), pages.estimatedSize());
    }
}
