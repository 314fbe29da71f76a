package dev.switchboard.kernel;

import java.util.Objects;

/**
 * A registered route: its pattern, its handler, the scope it requires ({@code null} for none), and
 * whether its handler may run inline on the submitting thread.
 *
 * @param runsInline the handler never blocks and is short, so on an unloaded subsystem it runs on the
 *               thread that submits (a transport's event loop) instead of a new virtual thread; it
 *               still takes a permit, and it is still admitted, booked and observed
 */
public record Route(String pattern, Handler handler, ScopeRequirement requirement, boolean runsInline) {
    public Route {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route of(String pattern, Handler handler) {
        return new Route(pattern, handler, null, false);
    }

    /** This route, its handler declared non-blocking: it may run inline on the submitting thread. */
    public Route inline() {
        return new Route(pattern, handler, requirement, true);
    }

    /** This route, demanding {@code permission} on {@code scope} from each caller. */
    public Route requires(Permission permission, String scope) {
        return new Route(pattern, handler, new ScopeRequirement(scope, permission), runsInline);
    }

    /** This route, demanding {@code permission} on every one of {@code scopes} from each caller. */
    public Route requires(Permission permission, java.util.Collection<String> scopes) {
        return new Route(pattern, handler, new ScopeRequirement(java.util.List.copyOf(scopes), permission), runsInline);
    }
}
