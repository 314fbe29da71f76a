package dev.switchboard.client;

import dev.switchboard.mcp.protocol.PaginatedParams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Walks a paginated list method to its end; a cursor seen twice stops it rather than looping forever. */
final class Pages {
    private Pages() {}

    static <P, T> List<T> all(TypedRequests client, String method, Class<P> pageType, Function<P, List<T>> items, Function<P, String> next) {
        List<T> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            P page = client.request(method, cursor == null ? PaginatedParams.FIRST_PAGE : PaginatedParams.after(cursor), pageType);
            all.addAll(items.apply(page));
            cursor = next.apply(page);
            if (cursor != null && !seen.add(cursor))
                throw new McpClientException(McpClientException.Reason.PROTOCOL, method + " returned the cursor '" + cursor + "' twice; stopping rather than looping");
        } while (cursor != null);
        return List.copyOf(all);
    }
}
