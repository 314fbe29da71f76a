package dev.switchboard.auth;

import dev.switchboard.transport.Authenticator;
import java.util.List;
import java.util.Map;

/**
 * The {@code WWW-Authenticate: Bearer …} refusals of RFC 6750 section 3 as the MCP authorization
 * spec asks for them: every one names the RFC 9728 document ({@code resource_metadata}); a request
 * without a token gets no error code (RFC 6750 3.1); a bad token gets {@code invalid_token}; a
 * token without the scopes an operation needs gets 403 {@code insufficient_scope} with the scopes.
 * The descriptions are fixed phrases: nothing from the token is echoed.
 */
final class Challenges {
    private final String metadataUrl;
    private final String scopesSupported;

    Challenges(String metadataUrl, List<String> scopesSupported) {
        this.metadataUrl = metadataUrl;
        this.scopesSupported = String.join(" ", scopesSupported);
    }

    Authenticator.Verdict.Refused noToken() {
        String value = "Bearer resource_metadata=\"" + metadataUrl + "\"" + (scopesSupported.isEmpty() ? "" : ", scope=\"" + scopesSupported + "\"");
        return refused(401, value, "Unauthorized: an access token is required (Authorization: Bearer …); see " + metadataUrl);
    }

    Authenticator.Verdict.Refused invalidToken(String description) {
        String value = "Bearer error=\"invalid_token\", error_description=\"" + description + "\", resource_metadata=\"" + metadataUrl + "\"";
        return refused(401, value, "Unauthorized: " + description);
    }

    Authenticator.Verdict.Refused insufficientScope(List<String> scopes) {
        String needed = String.join(" ", scopes);
        String value = "Bearer error=\"insufficient_scope\", scope=\"" + needed + "\", resource_metadata=\"" + metadataUrl
                + "\", error_description=\"The request needs scope " + needed + "\"";
        return refused(403, value, "Forbidden: the access token lacks scope " + needed);
    }

    /** The authorization server could not be asked (introspection failed): the client may retry. */
    Authenticator.Verdict.Refused unavailable() {
        return new Authenticator.Verdict.Refused(503, Map.of("Retry-After", "1"), "The authorization server could not be reached to check the token; retry");
    }

    private static Authenticator.Verdict.Refused refused(int status, String header, String message) {
        return new Authenticator.Verdict.Refused(status, Map.of("WWW-Authenticate", header), message);
    }
}
