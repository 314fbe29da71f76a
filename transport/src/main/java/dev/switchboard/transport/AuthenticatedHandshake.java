package dev.switchboard.transport;

import java.util.List;
import java.util.Map;

/*
 * The WebSocket upgrade and the legacy SSE requests carry the bearer token like a Streamable HTTP
 * POST does: with authentication on, their handshake passes the same Authenticator (a refusal is
 * answered 401 with its message), after whatever check the listener already had.
 */
final class AuthenticatedHandshake {
    private AuthenticatedHandshake() {}

    static HandshakeCheck of(HandshakeCheck first, Authenticator authenticator, String path) {
        return headers -> {
            String refused = first.refusal(headers);
            if (refused != null) return refused;
            Authenticator.Verdict verdict = authenticator.authenticate(path, null, name -> first(headers, name));
            return verdict instanceof Authenticator.Verdict.Refused r ? r.message() : null;
        };
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
