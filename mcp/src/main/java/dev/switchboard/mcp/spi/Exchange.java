package dev.switchboard.mcp.spi;

import java.util.List;
import java.util.Map;

/**
 * The transport's side of one incoming request: where its related messages and its response go.
 *
 * <p>Streamable HTTP answers a POST with plain JSON when the response is the first and only thing
 * sent, and switches the POST to an SSE stream when {@link #send} comes first; stdio writes
 * everything to stdout. Implementations must accept calls from any thread.
 */
public interface Exchange {
    /** A message that belongs to this request and precedes its response: progress, a log message, a server-to-client request. */
    void send(byte[] message);

    /** The response; the exchange ends. */
    void respond(byte[] response);

    /**
     * An error response; transports that map errors to their own status (Streamable HTTP in the
     * stateless era: 400, 404) use the JSON-RPC {@code code}. The default sends it like any response.
     */
    default void respondError(byte[] response, int code) {
        respond(response);
    }

    /** Ends the exchange with no response (the request was cancelled by the client). */
    void abandon();

    /**
     * Ends the transport's stream for this request now while the request goes on (SSE polling):
     * later messages and the response wait for the client to reconnect with {@code Last-Event-ID}.
     * Transports without such streams ignore it.
     */
    default void closeStream() {}

    /**
     * Runs {@code action} once if the client goes away (its connection or stream closes) before
     * this exchange is answered; never after an answer. The stateless era cancels the request then,
     * and ends a {@code subscriptions/listen} stream. Transports that cannot tell ignore it.
     */
    default void onAbort(Runnable action) {}

    /**
     * Who sent this request, as the transport's authenticator established it; {@code null} when the
     * transport authenticates nobody (stdio, HTTP without an authorization server configured).
     */
    default dev.switchboard.mcp.Principal principal() {
        return null;
    }

    /**
     * Refuses the request because its caller lacks {@code scopes} (all needed). Transports that
     * authenticate answer in their own terms (HTTP: 403 with
     * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="…"}, so the client can step up);
     * the default sends {@code response}, the JSON-RPC error, like any error.
     */
    default void refuseScope(byte[] response, int code, List<String> scopes) {
        respondError(response, code);
    }

    /** The request's HTTP headers by lower-case name; empty for transports without headers. */
    Map<String, List<String>> headers();

    /**
     * The first value of header {@code name} (lower case), or {@code null}. Transports with headers
     * override it to read one header without building {@link #headers()}: the engine asks for one
     * on every request ({@code traceparent}).
     */
    default String header(String name) {
        List<String> values = headers().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
