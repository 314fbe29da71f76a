package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** Roots: the server asks the client which directories or files to work on, {@code roots/list}. */
public final class Roots {

    private Roots() {}

    /**
     * A root the server may operate on.
     *
     * @param uri  a {@code file://} URI
     * @param name optional display name
     * @param meta optional {@code _meta}
     */
    public record Root(String uri, String name, @JsonProperty("_meta") ObjectNode meta) {
        public Root {
            Objects.requireNonNull(uri, "uri");
        }

        /** A named root. */
        public static Root of(String uri, String name) {
            return new Root(uri, name, null);
        }
    }

    /**
     * The client's answer to {@code roots/list}.
     *
     * @param roots the roots
     * @param meta  optional {@code _meta}
     */
    public record ListRootsResult(List<Root> roots, @JsonProperty("_meta") ObjectNode meta) {
        public ListRootsResult {
            roots = List.copyOf(Objects.requireNonNull(roots, "roots"));
        }

        /** A result with the given roots. */
        public static ListRootsResult of(Root... roots) {
            return new ListRootsResult(List.of(roots), null);
        }
    }
}
