package dev.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extra endpoints by exact path, for {@link StreamableHttpServer#start(dev.switchboard.mcp.spi.SessionHost,
 * dev.switchboard.mcp.codec.JsonRpcCodec, HttpSettings, HttpRoutes)} or a separate admin listener.
 * Everything else goes on to MCP; the MCP path itself is never taken by a route.
 */
public final class HttpRoutes {
    private static final HttpRoutes NONE = new HttpRoutes(Map.of());
    private final Map<String, HttpRoute> byPath;

    private HttpRoutes(Map<String, HttpRoute> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    public static HttpRoutes none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** These routes and {@code more}'s; a path both take is an error naming it. */
    public HttpRoutes plus(HttpRoutes more) {
        Builder b = new Builder();
        byPath.forEach(b::route);
        more.byPath.forEach(b::route);
        return b.build();
    }

    /** The route for a request's path (the query ignored), or {@code null}. */
    public HttpRoute find(String uri) {
        return byPath.get(pathOf(uri));
    }

    /** A request target's path: the query ({@code ?…}) cut off. The one place that cuts it. */
    public static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** Serves {@code req} when a route takes its path; {@code false} when none does. */
    public boolean serve(Channel ch, FullHttpRequest req) {
        HttpRoute route = find(req.uri());
        if (route == null) return false;
        route.serve(ch, req);
        return true;
    }

    public static final class Builder {
        private final Map<String, HttpRoute> byPath = new LinkedHashMap<>();

        public Builder route(String path, HttpRoute route) {
            if (!path.startsWith("/")) throw new IllegalArgumentException("a route path must start with '/', was '" + path + "'");
            if (byPath.putIfAbsent(path, route) != null) throw new IllegalArgumentException("route '" + path + "' is already taken");
            return this;
        }

        public HttpRoutes build() {
            return new HttpRoutes(byPath);
        }
    }
}
