package dev.switchboard.kernel;

import java.util.Objects;

/**
 * A registered route: its pattern, its handler and the scope it requires ({@code null} for none).
 */
public record Route(String pattern, Handler handler, ScopeRequirement requirement) {
    public Route {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route of(String pattern, Handler handler) {
        return new Route(pattern, handler, null);
    }

    /** This route, demanding {@code permission} on {@code scope} from each caller. */
    public Route requires(Permission permission, String scope) {
        return new Route(pattern, handler, new ScopeRequirement(scope, permission));
    }
}
