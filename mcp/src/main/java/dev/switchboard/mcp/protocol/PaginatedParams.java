package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * Params of the list methods ({@code tools/list}, {@code resources/list},
 * {@code resources/templates/list}, {@code prompts/list}): an optional cursor from a previous
 * page's {@code nextCursor}. See {@link dev.switchboard.mcp.Cursor} for making and checking cursors.
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
