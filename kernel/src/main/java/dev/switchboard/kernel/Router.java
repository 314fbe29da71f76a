package dev.switchboard.kernel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps paths to routes.
 *
 * <p>Routes are grouped by subsystem and kept sorted by specificity, so a match is one hash lookup
 * and a short scan. Results (found and not found) are memoised per path string in a bounded LRU-ish
 * cache (Caffeine's W-TinyLFU, which beats plain LRU on the skewed path distributions MCP traffic
 * has); any registration clears it, since registration is rare and a stale entry would be wrong.
 * A capacity of 0 disables the cache.
 */
public final class Router {
    private final Map<String, List<Entry>> bySubsystem = new ConcurrentHashMap<>();
    /** Routes made only of literals, by their pattern text: one hash lookup, however many tools are registered. */
    private final Map<String, RouteMatch.Found> exact = new ConcurrentHashMap<>();
    private final Cache<String, RouteMatch> cache;
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();

    private record Entry(RoutePattern pattern, Route route) {}

    private record Subsystem(String name, List<Entry> entries) {}

    /** {@link #bySubsystem} as an array for the in-place match (a handful of subsystems: a scan beats hashing a cut-out name). */
    private volatile Subsystem[] subsystems = new Subsystem[0];

    public Router(int cacheCapacity) {
        this.cache = cacheCapacity > 0 ? Caffeine.newBuilder().maximumSize(cacheCapacity).executor(Runnable::run).build() : null;
    }

    /** Adds a route; a second route with the same pattern is an error naming it. */
    public synchronized void add(Route route) {
        RoutePattern pattern = RoutePattern.parse(route.pattern());
        List<Entry> current = bySubsystem.getOrDefault(pattern.subsystem(), List.of());
        for (Entry e : current)
            if (e.pattern().shape().equals(pattern.shape()))
                throw new IllegalArgumentException("route '" + route.pattern() + "' is already registered as '" + e.pattern().text() + "'");
        List<Entry> next = new ArrayList<>(current);
        next.add(new Entry(pattern, route));
        next.sort(Comparator.comparingInt((Entry e) -> e.pattern().specificity()).reversed());
        bySubsystem.put(pattern.subsystem(), List.copyOf(next));
        if (pattern.isExact()) exact.put(pattern.text(), new RouteMatch.Found(route, pattern.subsystem(), Map.of()));
        invalidate();
    }

    /** Removes the route registered with exactly {@code pattern}; {@code false} when there was none. */
    public synchronized boolean remove(String pattern) {
        RoutePattern parsed = RoutePattern.parse(pattern);
        List<Entry> current = bySubsystem.getOrDefault(parsed.subsystem(), List.of());
        List<Entry> next = current.stream().filter(e -> !e.pattern().text().equals(pattern)).toList();
        if (next.size() == current.size()) return false;
        bySubsystem.put(parsed.subsystem(), next);
        exact.remove(pattern);
        invalidate();
        return true;
    }

    /** Removes every route of {@code subsystem}. */
    public synchronized void removeSubsystem(String subsystem) {
        bySubsystem.remove(subsystem);
        exact.values().removeIf(f -> f.subsystem().equals(subsystem));
        invalidate();
    }

    public boolean hasSubsystem(String subsystem) {
        return bySubsystem.containsKey(subsystem);
    }

    /** The route for {@code path}; never throws, an unmatched or malformed path is a {@link RouteMatch.NotFound}. */
    public RouteMatch match(String path) {
        if (cache == null || path == null) return resolve(path);
        RouteMatch cached = cache.getIfPresent(path);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        RouteMatch resolved = resolve(path);
        cache.put(path, resolved);
        return resolved;
    }

    /** The route cache's hits and misses so far. */
    public CacheCounts cacheCounts() {
        return new CacheCounts(hits.sum(), misses.sum());
    }

    /** The match without the cache: what the cache memoises. */
    RouteMatch resolve(String path) {
        RouteMatch.Found literal = path == null ? null : exact.get(path);
        if (literal != null) return literal;
        RouteMatch.Found inPlace = path == null ? null : resolveInPlace(path);
        if (inPlace != null) return inPlace;
        // not found, or malformed: the strict parse says precisely why
        Object parsed = Address.parse(path);
        if (parsed instanceof Address.Malformed malformed) return new RouteMatch.NotFound(malformed.reason());
        Address address = (Address) parsed;
        List<Entry> entries = bySubsystem.get(address.subsystem());
        if (entries == null) return new RouteMatch.NotFound("no subsystem '" + address.subsystem() + "' for path '" + path + "'");
        for (Entry e : entries) {
            Map<String, String> params = e.pattern().match(address.segments());
            if (params != null) return new RouteMatch.Found(e.route(), address.subsystem(), params);
        }
        return new RouteMatch.NotFound("subsystem '" + address.subsystem() + "' has no route for path '" + path + "'");
    }

    /**
     * The match of a well-formed path of a registered subsystem, read in place: the subsystem is
     * found by comparing the registered names against the path (no name cut out of it) and the
     * patterns compare their literals inside it, so a match allocates only its parameter values,
     * their map and the result. {@code null} for anything else, which the strict parse then explains.
     */
    private RouteMatch.Found resolveInPlace(String path) {
        int sep = path.indexOf("://");
        if (sep <= 0) return null;
        Subsystem subsystem = null;
        for (Subsystem s : subsystems) {
            if (s.name().length() == sep && path.startsWith(s.name())) {
                subsystem = s;
                break;
            }
        }
        if (subsystem == null) return null;
        int from = sep + 3;
        int count = segmentCount(path, from);
        if (count < 0) return null;
        for (Entry e : subsystem.entries()) {
            Map<String, String> params = e.pattern().match(path, from, count);
            if (params != null) return new RouteMatch.Found(e.route(), subsystem.name(), params);
        }
        return null;
    }

    /** Segments of the route part starting at {@code from}; -1 when one is empty (the strict parse refuses the path). */
    private static int segmentCount(String path, int from) {
        int length = path.length();
        if (from == length) return 0;
        int count = 1;
        int previous = from - 1;
        for (int i = from; i < length; i++) {
            if (path.charAt(i) != '/') continue;
            if (i == previous + 1) return -1;
            count++;
            previous = i;
        }
        return previous == length - 1 ? -1 : count;
    }

    /** The subsystems and their sorted routes as an array, rebuilt on every change: the in-place match scans it. */
    private void reindex() {
        List<Subsystem> all = new ArrayList<>();
        bySubsystem.forEach((name, entries) -> all.add(new Subsystem(name, entries)));
        subsystems = all.toArray(new Subsystem[0]);
    }

    private void invalidate() {
        reindex();
        if (cache != null) cache.invalidateAll();
    }
}
