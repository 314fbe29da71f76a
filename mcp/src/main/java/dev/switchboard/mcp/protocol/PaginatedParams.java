package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * Params of the list methods ({@code tools/list}, {@code resources/list},
 * {@code resources/templates/list}, {@code prompts/list}): an optional cursor from a previous
 * page's {@code nextCursor}. Switchboard seals its cursors with an HMAC, so an edited or foreign one is refused with -32602.
 *
 * @param cursor optional opaque position, null for the first page
 * @param meta   optional {@code _meta}
 */
public record PaginatedParams(String cursor, @JsonProperty("_meta") ObjectNode meta) implements Params {

    /** The first page. */
    public static final PaginatedParams FIRST_PAGE = new PaginatedParams(null, null);

    /** The page after {@code cursor}. */
    public static PaginatedParams after(String cursor) {
        return new PaginatedParams(cursor, null);
    }
}
