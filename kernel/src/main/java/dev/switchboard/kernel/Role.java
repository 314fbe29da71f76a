package dev.switchboard.kernel;

import java.util.Map;
import java.util.Objects;

/**
 * A named set of grants: scope name to {@link Access}. The scope {@code "*"} applies to every scope
 * that has no grant of its own.
 */
public record Role(String name, Map<String, Access> grants) {
    public static final Role NONE = new Role("none", Map.of());
    public static final Role SUPERUSER = new Role("superuser", Map.of("*", Access.RWG));

    public Role {
        Objects.requireNonNull(name, "name");
        grants = Map.copyOf(grants);
    }

    public static Role of(String name, Map<String, Access> grants) {
        return new Role(name, grants);
    }

    public boolean allows(Permission permission, String scope) {
        Access access = grants.get(scope);
        if (access == null) access = grants.get("*");
        return access != null && access.allows(permission);
    }
}
