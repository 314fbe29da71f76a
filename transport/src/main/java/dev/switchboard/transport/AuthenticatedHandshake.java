package dev.switchboard.transport;

import dev.switchboard.mcp.Principal;
import java.util.List;
import java.util.Map;

/*
 * The WebSocket upgrade and the legacy SSE requests carry the bearer token like a Streamable HTTP
 * POST does: with authentication on, their handshake passes the same Authenticator (a refusal is
 * answered 401 with its message), after whatever check the listener already had. The principal it
 * admits is kept: the session the handshake opens is bound to it, as a Streamable HTTP session is
 * bound to the principal of its initialize.
 */
final class AuthenticatedHandshake implements HandshakeCheck {
    /**
     * What a handshake check decided: a refusal, or admission by {@code principal} ({@code null}:
     * nobody authenticated). {@code refused} is the authenticator's own verdict when it refused, so
     * the answer carries its status and headers ({@code WWW-Authenticate}, {@code Retry-After}).
     */
    record Admission(String refusal, Principal principal, Authenticator.Verdict.Refused refused) {
        Admission(String refusal, Principal principal) {
            this(refusal, principal, null);
        }
    }

    private final HandshakeCheck first;
    private final Authenticator authenticator;
    private final String path;

    private AuthenticatedHandshake(HandshakeCheck first, Authenticator authenticator, String path) {
        this.first = first;
        this.authenticator = authenticator;
        this.path = path;
    }

    static HandshakeCheck of(HandshakeCheck first, Authenticator authenticator, String path) {
        return new AuthenticatedHandshake(first, authenticator, path);
    }

    @Override
    public String refusal(Map<String, List<String>> headers) {
        return admit(headers).refusal();
    }

    private Admission admit(Map<String, List<String>> headers) {
        String refused = first.refusal(headers);
        if (refused != null) return new Admission(refused, null);
        Authenticator.Verdict verdict = authenticator.authenticate(path, null, name -> first(headers, name));
        return switch (verdict) {
            case Authenticator.Verdict.Refused r -> new Admission(r.message(), null, r);
            case Authenticator.Verdict.Allowed a -> new Admission(null, a.principal());
        };
    }

    /** What {@code check} decides for {@code headers}, with the principal when it authenticates. */
    static Admission admit(HandshakeCheck check, Map<String, List<String>> headers) {
        return check instanceof AuthenticatedHandshake a ? a.admit(headers) : new Admission(check.refusal(headers), null);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
