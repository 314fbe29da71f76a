package dev.switchboard.transport;

/**
 * {@code Content-Type} and {@code Accept} read as media types ({@code type/subtype}, then
 * parameters), not as text prefixes: {@code application/jsonx} is not JSON, and
 * {@code text/event-streams} does not accept SSE. Every POST is checked, so the header is read in
 * place, by index, without splitting it into strings.
 */
final class MediaTypes {
    private MediaTypes() {}

    /** Whether {@code contentType} is {@code application/json}, with any parameters ({@code charset=utf-8}). */
    static boolean isJson(String contentType) {
        return contentType != null && essenceIs(contentType, 0, end(contentType, 0, ';'), "application/json");
    }

    /**
     * Whether an {@code Accept} header lists a media range that matches {@code type}: the type
     * itself, {@code major/*} or {@code *}{@code /*}, and not with {@code q=0} (which refuses it).
     */
    static boolean accepts(String accept, String type) {
        if (accept == null) return false;
        for (int start = 0; start <= accept.length(); ) {
            int end = end(accept, start, ',');
            int essenceEnd = end(accept, start, ';');
            if (essenceEnd > end) essenceEnd = end;
            if (rangeMatches(accept, start, essenceEnd, type) && !weightZero(accept, essenceEnd, end)) return true;
            start = end + 1;
        }
        return false;
    }

    /** Where the part starting at {@code from} ends: the next {@code separator}, or the end of {@code s}. */
    private static int end(String s, int from, char separator) {
        int i = s.indexOf(separator, from);
        return i < 0 ? s.length() : i;
    }

    /** Whether the media range {@code s[from, to)} is {@code type}, {@code major/*} or {@code *}{@code /*}. */
    private static boolean rangeMatches(String s, int from, int to, String type) {
        if (essenceIs(s, from, to, type) || essenceIs(s, from, to, "*/*")) return true;
        int majorLength = type.indexOf('/') + 1;
        while (from < to && isBlank(s.charAt(from))) from++;
        while (to > from && isBlank(s.charAt(to - 1))) to--;
        return to - from == majorLength + 1 && s.charAt(to - 1) == '*' && s.regionMatches(true, from, type, 0, majorLength);
    }

    /** Whether {@code s[from, to)}, without surrounding blanks, is {@code expected} in any case. */
    private static boolean essenceIs(String s, int from, int to, String expected) {
        while (from < to && isBlank(s.charAt(from))) from++;
        while (to > from && isBlank(s.charAt(to - 1))) to--;
        return to - from == expected.length() && s.regionMatches(true, from, expected, 0, expected.length());
    }

    /** Whether the parameters in {@code s[from, to)} ({@code ;q=0.5;…}) give the weight 0: "not acceptable". */
    private static boolean weightZero(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != ';') continue;
            int p = i + 1;
            while (p < to && isBlank(s.charAt(p))) p++;
            if (p + 1 < to && (s.charAt(p) == 'q' || s.charAt(p) == 'Q') && s.charAt(p + 1) == '=') {
                int paramEnd = end(s, p, ';');
                try {
                    return Double.parseDouble(s.substring(p + 2, Math.min(paramEnd, to)).trim()) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
