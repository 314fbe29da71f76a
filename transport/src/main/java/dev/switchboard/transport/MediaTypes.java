package dev.switchboard.transport;

import java.util.Locale;

/**
 * {@code Content-Type} and {@code Accept} read as media types ({@code type/subtype}, then
 * parameters), not as text prefixes: {@code application/jsonx} is not JSON, and
 * {@code text/event-streams} does not accept SSE.
 */
final class MediaTypes {
    private MediaTypes() {}

    /** Whether {@code contentType} is {@code application/json}, with any parameters ({@code charset=utf-8}). */
    static boolean isJson(String contentType) {
        return contentType != null && essence(contentType).equals("application/json");
    }

    /**
     * Whether an {@code Accept} header lists a media range that matches {@code type}: the type
     * itself, {@code major/*} or {@code *}{@code /*}, and not with {@code q=0} (which refuses it).
     */
    static boolean accepts(String accept, String type) {
        if (accept == null) return false;
        String major = type.substring(0, type.indexOf('/') + 1) + "*";
        for (String range : accept.split(",")) {
            String essence = essence(range);
            if ((essence.equals(type) || essence.equals(major) || essence.equals("*/*")) && !refused(range)) return true;
        }
        return false;
    }

    /** The {@code type/subtype} of a media type, trimmed and in lower case. */
    private static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** A media range with the weight {@code q=0}: "not acceptable". */
    private static boolean refused(String range) {
        for (String param : range.split(";")) {
            String p = param.trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).trim()) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
