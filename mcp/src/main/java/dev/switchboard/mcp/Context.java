package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a tool, resource, prompt or completion handler can do besides return its result. Handlers
 * are plain blocking code on a virtual thread: {@link #sample}, {@link #elicit} and {@link #roots}
 * block until the client answers, and a cancelled request interrupts the thread.
 */
public interface Context {

    /** The progress token the client sent with this request, or {@code null}. */
    ProgressToken progressToken();

    /** The {@code _meta} object of this request's params as the client sent it, or {@code null} (none, or not a request of a client). */
    default ObjectNode meta() {
        return null;
    }

    /** Reports progress; sent only when the client asked for it with a progress token. */
    void progress(double progress, Double total, String message);

    /** Sends a log message to the client, if its level passes the session's {@code logging/setLevel}. */
    void log(LoggingLevel level, String logger, Object data);

    /** Shorthand for an info-level log message. */
    default void info(String message) {
        log(LoggingLevel.INFO, null, message);
    }

    /**
     * Ends this request's SSE stream now and delivers what follows when the client reconnects with
     * {@code Last-Event-ID} (SSE polling, for long-running work behind proxies that cut idle
     * streams). Does nothing on stdio.
     */
    void closeStream();

    /**
     * The time left before this request's deadline ({@link Budgets}): never negative; {@code null}
     * when the request has none. Past it the client has been answered and the thread interrupted.
     */
    default Duration timeLeft() {
        return null;
    }

    /** Whether the client cancelled this request (the thread is interrupted as well). */
    boolean cancelled();

    /** Asks the client's model for a completion ({@code sampling/createMessage}). */
    Sampling.CreateMessageResult sample(Sampling.CreateMessageParams request);

    /** Asks the user for input through a form ({@code elicitation/create}, form mode). */
    Elicitation.ElicitResult elicit(String message, ObjectNode requestedSchema);

    /** Asks the user to visit a URL ({@code elicitation/create}, URL mode). */
    Elicitation.ElicitResult elicitUrl(String message, String elicitationId, String url);

    /** The client's roots ({@code roots/list}). */
    List<Roots.Root> roots();

    /**
     * Asks the client for several things at once, each under a key of the handler's choosing, and
     * returns the answers by key. A session client gets one server-to-client request per key, in
     * the map's order. A stateless (2026-07-28) client gets them all in one
     * {@code input_required} result; its retry carries the answers, and the handler runs again
     * from the start, so it must ask the same keys again, and must let the exception that ends an
     * unanswered round pass (do not catch {@code RuntimeException} around this call).
     *
     * <pre>{@code
     * InputResponses in = ctx.ask(Map.of(
     *     "user_name", InputRequest.elicit("What is your name?", schema),
     *     "client_roots", InputRequest.roots()));
     * String name = in.elicitation("user_name").content().get("name").asString();
     * }</pre>
     *
     * @throws McpException -32600 when the client did not declare a capability a request needs
     */
    InputResponses ask(Map<String, InputRequest> requests);

    /** The session this request arrived on. */
    SessionInfo session();

    /**
     * Who sent this request, as the transport's authenticator established it (an OAuth token's
     * subject, scopes, tenant and claims); {@code null} when the server authenticates nobody.
     */
    default Principal principal() {
        return null;
    }

    /**
     * The request's validated context frame: tenant, stage, risk allowance, deadline and flags,
     * from the access token and the request's {@code _meta} ({@link FrameRules} says which wins).
     */
    default ContextFrame frame() {
        return ContextFrame.OPEN;
    }

    /** The HTTP headers of the request, by lower-case name; empty for stdio. */
    Map<String, List<String>> headers();

    /** How long server-to-client requests wait for the client's answer. */
    Duration clientTimeout();
}
