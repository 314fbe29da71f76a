package dev.switchboard.mcp;

import dev.switchboard.kernel.Access;
import dev.switchboard.kernel.Caller;
import dev.switchboard.kernel.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who a request comes from, as the transport's authenticator established it (an OAuth access
 * token's subject and scopes). Handlers see it through {@link Context#principal()}; the kernel sees
 * it as the message's {@link Caller}, whose role grants every scope the token carries, so a route's
 * scope requirement is the token's scope check.
 *
 * @param subject  the token's {@code sub} (or the client id for a client-credentials token)
 * @param clientId the OAuth client the token was issued to, or {@code null}
 * @param tenant   the tenant named by the configured claim, or {@code null}
 * @param scopes   the token's scopes
 * @param claims   the token's other claims, as the token carried them (strings, numbers, lists)
 */
public record Principal(String subject, String clientId, String tenant, Set<String> scopes, Map<String, Object> claims) {
    public Principal {
        Objects.requireNonNull(subject, "subject");
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
    }

    /** Whether the token carries {@code scope}. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** The kernel's view: this subject, with read-write access to each scope the token carries and nothing else. */
    public Caller caller() {
        Map<String, Access> grants = new HashMap<>(scopes.size() * 2);
        for (String s : scopes) grants.put(s, Access.RW);
        return new Caller(subject, Role.of("token", grants));
    }
}
