package dev.switchboard.kernel;

import java.util.Objects;

/**
 * Who sent a message: a principal and the role that grants it access to scopes.
 *
 * @param principal the authenticated name (or {@code "anonymous"})
 * @param role      maps scopes to access levels
 */
public record Caller(String principal, Role role) {
    /** No identity and a role that grants nothing. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Role.NONE);
    /** The process itself: every permission on every scope. */
    public static final Caller SYSTEM = new Caller("system", Role.SUPERUSER);

    public Caller {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }

    /** Whether this caller may act with {@code permission} on {@code scope}. */
    public boolean may(Permission permission, String scope) {
        return role.allows(permission, scope);
    }
}
