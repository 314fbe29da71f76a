package dev.switchboard.kernel;

import java.util.Map;

/** What {@link Router#match} found: a route with its parameters, or a reason there is none. */
public sealed interface RouteMatch {
    /** The route that matched and the parameters it captured. */
    record Found(Route route, String subsystem, Map<String, String> params) implements RouteMatch {}

    /** No route: the path is malformed, names no registered subsystem, or no route of it matches. */
    record NotFound(String reason) implements RouteMatch {}
}
