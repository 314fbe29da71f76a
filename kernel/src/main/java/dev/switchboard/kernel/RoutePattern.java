package dev.switchboard.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A route template inside one subsystem: literal segments, {@code {param}} segments that capture one
 * segment, and an optional trailing {@code *} that captures the rest (zero or more segments, joined
 * with {@code /}) under the parameter name {@code "*"}.
 *
 * <p>Specificity orders matching: literals beat parameters, parameters beat the wildcard, so
 * {@code users/me} wins over {@code users/{id}} whatever the registration order.
 */
record RoutePattern(String subsystem, String text, List<Segment> segments, boolean trailingWildcard) {
    static final String WILDCARD_PARAM = "*";

    sealed interface Segment {
        record Literal(String value) implements Segment {}
        record Param(String name) implements Segment {}
    }

    static RoutePattern parse(String pattern) {
        if (!(Address.parse(pattern) instanceof Address address))
            throw new IllegalArgumentException("route pattern '" + pattern + "' is not of the form subsystem://route");
        List<String> raw = address.segments();
        boolean wildcard = !raw.isEmpty() && raw.getLast().equals("*");
        List<String> fixed = wildcard ? raw.subList(0, raw.size() - 1) : raw;
        List<Segment> segments = fixed.stream().map(s -> toSegment(pattern, s)).toList();
        return new RoutePattern(address.subsystem(), pattern, segments, wildcard);
    }

    private static Segment toSegment(String pattern, String s) {
        if (s.equals("*")) throw new IllegalArgumentException("route pattern '" + pattern + "': '*' is allowed only as the last segment");
        if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) return new Segment.Param(s.substring(1, s.length() - 1));
        if (s.contains("{") || s.contains("}")) throw new IllegalArgumentException("route pattern '" + pattern + "': segment '" + s + "' mixes literal text and a parameter");
        return new Segment.Literal(s);
    }

    /** The captured parameters, or {@code null} when {@code path} does not match. */
    Map<String, String> match(List<String> path) {
        int n = segments.size();
        if (trailingWildcard ? path.size() < n : path.size() != n) return null;
        // literals first: most candidates fail on one, before anything is allocated
        for (int i = 0; i < n; i++)
            if (segments.get(i) instanceof Segment.Literal literal && !literal.value().equals(path.get(i))) return null;
        String k1 = null, v1 = null, k2 = null, v2 = null;
        Map<String, String> more = null;
        for (int i = 0; i < n; i++) {
            if (!(segments.get(i) instanceof Segment.Param param)) continue;
            if (k1 == null) { k1 = param.name(); v1 = path.get(i); }
            else if (k2 == null) { k2 = param.name(); v2 = path.get(i); }
            else {
                if (more == null) more = new HashMap<>(8);
                more.put(param.name(), path.get(i));
            }
        }
        if (trailingWildcard) {
            String rest = String.join("/", path.subList(n, path.size()));
            if (k1 == null) { k1 = WILDCARD_PARAM; v1 = rest; }
            else if (k2 == null) { k2 = WILDCARD_PARAM; v2 = rest; }
            else {
                if (more == null) more = new HashMap<>(8);
                more.put(WILDCARD_PARAM, rest);
            }
        }
        return params(k1, v1, k2, v2, more);
    }

    private static Map<String, String> params(String k1, String v1, String k2, String v2, Map<String, String> more) {
        // the common shapes (no, one or two parameters) as compact immutable maps
        if (more == null) {
            if (k1 == null) return Map.of();
            if (k2 == null) return Map.of(k1, v1);
            return k1.equals(k2) ? Map.of(k1, v2) : Map.of(k1, v1, k2, v2); // a name given twice: the last wins, as it always did
        }
        // earlier parameters first, so a name given twice keeps its last value
        Map<String, String> all = new HashMap<>(8);
        all.put(k1, v1);
        all.put(k2, v2);
        all.putAll(more);
        return java.util.Collections.unmodifiableMap(all);
    }

    /**
     * The same as {@link #match(List)} for a path already known to be well formed, read in place:
     * its route part starts at {@code from} and has {@code count} segments. Literals are compared
     * inside the path and only parameter values are cut out of it, so a candidate that fails
     * allocates nothing and one that matches allocates its values and its map.
     */
    Map<String, String> match(String path, int from, int count) {
        int n = segments.size();
        if (trailingWildcard ? count < n : count != n) return null;
        int start = from;
        for (int i = 0; i < n; i++) {
            int end = segmentEnd(path, start);
            if (segments.get(i) instanceof Segment.Literal literal
                    && !(end - start == literal.value().length() && path.regionMatches(start, literal.value(), 0, end - start))) return null;
            start = end + 1;
        }
        String k1 = null, v1 = null, k2 = null, v2 = null;
        Map<String, String> more = null;
        start = from;
        for (int i = 0; i < n; i++) {
            int end = segmentEnd(path, start);
            if (segments.get(i) instanceof Segment.Param param) {
                String value = path.substring(start, end);
                if (k1 == null) { k1 = param.name(); v1 = value; }
                else if (k2 == null) { k2 = param.name(); v2 = value; }
                else {
                    if (more == null) more = new HashMap<>(8);
                    more.put(param.name(), value);
                }
            }
            start = end + 1;
        }
        if (trailingWildcard) {
            String rest = start >= path.length() ? "" : path.substring(start);
            if (k1 == null) { k1 = WILDCARD_PARAM; v1 = rest; }
            else if (k2 == null) { k2 = WILDCARD_PARAM; v2 = rest; }
            else {
                if (more == null) more = new HashMap<>(8);
                more.put(WILDCARD_PARAM, rest);
            }
        }
        return params(k1, v1, k2, v2, more);
    }

    private static int segmentEnd(String path, int start) {
        int slash = path.indexOf('/', start);
        return slash < 0 ? path.length() : slash;
    }

    /** Whether the pattern is literals only, so it matches exactly one path: its own text. */
    boolean isExact() {
        return !trailingWildcard && segments.stream().allMatch(s -> s instanceof Segment.Literal);
    }

    /** What two patterns share when they match the same paths: literals, parameter positions (names ignored), the wildcard. */
    String shape() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) b.append(s instanceof Segment.Literal l ? l.value() : "{}").append('/');
        return b.append(trailingWildcard ? "*" : "").toString();
    }

    /** Sort key: more literal segments first, then more fixed segments, the wildcard last. */
    int specificity() {
        int literals = (int) segments.stream().filter(s -> s instanceof Segment.Literal).count();
        return literals * 1_000 + segments.size() * 10 + (trailingWildcard ? 0 : 1);
    }
}
