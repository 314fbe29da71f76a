package dev.switchboard.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed path: {@code subsystem://seg1/seg2/...}.
 *
 * <p>Parsing is strict because paths come from the outside (MCP tool names, resource URIs):
 * the subsystem must be non-empty and made of letters, digits, {@code -}, {@code _} or {@code .};
 * the route part may be empty; empty segments ({@code a//b}) are refused.
 */
record Address(String subsystem, List<String> segments) {

    /** The parsed address, or a {@link Malformed} saying what is wrong with {@code path}. */
    static Object parse(String path) {
        if (path == null) return new Malformed("path is null");
        int sep = path.indexOf("://");
        if (sep <= 0) return new Malformed("path '" + path + "' is not of the form subsystem://route");
        String subsystem = path.substring(0, sep);
        for (int i = 0; i < subsystem.length(); i++) {
            char c = subsystem.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))
                return new Malformed("subsystem '" + subsystem + "' in path '" + path + "' has character '" + c + "'");
        }
        // segments are cut straight out of the path (no copy of the route part, no defensive copy of the
        // list: the record never leaves the kernel), since every routed message is parsed once
        List<String> segments = new ArrayList<>(4);
        int start = sep + 3;
        if (start < path.length()) {
            while (true) {
                int slash = path.indexOf('/', start);
                int end = slash < 0 ? path.length() : slash;
                if (end == start) return new Malformed("path '" + path + "' has an empty segment");
                segments.add(path.substring(start, end));
                if (slash < 0) break;
                start = slash + 1;
            }
        }
        return new Address(subsystem, java.util.Collections.unmodifiableList(segments));
    }

    /** Why a path could not be parsed. */
    record Malformed(String reason) {}
}
