package dev.switchboard.kernel;

import java.util.List;
import java.util.Objects;

/**
 * A route's demand: the caller must hold {@code permission} on every one of {@code scopes}.
 *
 * @param scopes     one or more scope names, all required
 * @param permission the level required on each
 */
public record ScopeRequirement(List<String> scopes, Permission permission) {
    public ScopeRequirement {
        Objects.requireNonNull(permission, "permission");
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty()) throw new IllegalArgumentException("a scope requirement names at least one scope");
    }

    /** A demand on one scope. */
    public ScopeRequirement(String scope, Permission permission) {
        this(List.of(Objects.requireNonNull(scope, "scope")), permission);
    }

    /** The first (for a one-scope requirement, the only) scope. */
    public String scope() {
        return scopes.getFirst();
    }

    /** The scopes {@code caller} lacks; empty when it satisfies this requirement. */
    public List<String> missingFor(Caller caller) {
        List<String> missing = null;
        for (String s : scopes) {
            if (caller.may(permission, s)) continue;
            if (missing == null) missing = new java.util.ArrayList<>(scopes.size());
            missing.add(s);
        }
        return missing == null ? List.of() : List.copyOf(missing);
    }

    /** {@code null} when the caller satisfies it, otherwise why not. */
    String denialFor(Caller caller) {
        List<String> missing = missingFor(caller);
        if (missing.isEmpty()) return null;
        return "caller '" + caller.principal() + "' (role '" + caller.role().name() + "') lacks "
                + permission.label() + " permission on scope" + (missing.size() == 1 ? " '" + missing.getFirst() + "'" : "s " + missing);
    }
}
