package dev.switchboard.mcp.protocol;

import java.util.List;
import java.util.Objects;

/**
 * An icon a client may show next to a tool, resource, prompt or implementation.
 *
 * @param src      an http(s) URL or a {@code data:} URI
 * @param mimeType optional MIME type override, e.g. {@code image/png}
 * @param sizes    optional sizes such as {@code "48x48"} or {@code "any"}
 * @param theme    optional {@code "light"} or {@code "dark"}
 */
public record Icon(String src, String mimeType, List<String> sizes, String theme) {

    public Icon {
        Objects.requireNonNull(src, "src");
        sizes = sizes == null ? null : List.copyOf(sizes);
    }

    /** An icon with only a source. */
    public static Icon of(String src) {
        return new Icon(src, null, null, null);
    }

    /** An icon with a source, MIME type and sizes. */
    public static Icon of(String src, String mimeType, String... sizes) {
        return new Icon(src, mimeType, sizes.length == 0 ? null : List.of(sizes), null);
    }
}
