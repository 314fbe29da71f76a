package dev.switchboard.kernel;

import java.util.Objects;

/** A route's demand: the caller must hold {@code permission} on {@code scope}. */
public record ScopeRequirement(String scope, Permission permission) {
    public ScopeRequirement {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(permission, "permission");
    }

    /** {@code null} when the caller satisfies it, otherwise why not. */
    String denialFor(Caller caller) {
        if (caller.may(permission, scope)) return null;
        return "caller '" + caller.principal() + "' (role '" + caller.role().name() + "') lacks "
                + permission.label() + " permission on scope '" + scope + "'";
    }
}
