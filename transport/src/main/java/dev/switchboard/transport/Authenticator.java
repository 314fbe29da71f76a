package dev.switchboard.transport;

import dev.switchboard.mcp.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides who an incoming request comes from, before the engine sees it: the seam between a
 * listener and an authorization scheme (the {@code auth} module's OAuth 2.1 resource server).
 * Transport-neutral: headers in, a principal or a refusal (status, headers, message) out, so
 * Streamable HTTP, WebSocket upgrades and SSE listeners can all call it.
 *
 * <p>It runs on the listener's event loop and must not block there in the common case (a cached
 * key set, a cached introspection answer). The refusal's message goes into the response body and
 * must not repeat anything secret (the token, why a signature failed beyond "invalid").
 */
public interface Authenticator {

    /** The answer for one request. */
    sealed interface Verdict {
        /** The request may proceed on behalf of {@code principal}. */
        record Allowed(Principal principal) implements Verdict {}

        /**
         * The request is refused with HTTP {@code status} (401 without or with a bad token), these
         * response {@code headers} ({@code WWW-Authenticate}) and a short {@code message} for the body.
         */
        record Refused(int status, Map<String, String> headers, String message) implements Verdict {}
    }

    /**
     * Authenticates a request to {@code path} from {@code client} (the peer's address; {@code null}
     * when the transport has none); {@code header} looks a request header up by name
     * (case-insensitive) and answers {@code null} when it is absent. A refusal may also be 429
     * (a rate limit) or 503 (the authorization server could not be asked), with {@code Retry-After}.
     */
    Verdict authenticate(String path, java.net.SocketAddress client, Function<String, String> header);

    /**
     * The refusal for a principal that lacks {@code scopes} for what it asked (all of them needed):
     * 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="…"}.
     */
    Verdict.Refused insufficientScope(List<String> scopes);
}
