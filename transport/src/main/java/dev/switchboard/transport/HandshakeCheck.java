package dev.switchboard.transport;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a request that opens a long-lived session may proceed: the WebSocket upgrade,
 * the legacy {@code GET /sse} and each {@code POST /messages}, each of which carries the client's
 * bearer token in {@code Authorization}. This is where an authenticator plugs in; the default
 * admits everyone, as the Streamable HTTP endpoint does without one.
 */
@FunctionalInterface
public interface HandshakeCheck {
    /**
     * {@code null} to admit the request; otherwise the reason it is refused, answered with 401 and
     * a JSON-RPC error naming it.
     *
     * @param headers the request's headers by lower-case name
     */
    String refusal(Map<String, List<String>> headers);

    /** Admits every request. */
    static HandshakeCheck none() {
        return headers -> null;
    }
}
