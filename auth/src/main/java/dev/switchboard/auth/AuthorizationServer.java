package dev.switchboard.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the resource server needs to know about its authorization server, discovered from the
 * issuer URL the way the MCP authorization spec tells clients to: RFC 8414 metadata (path
 * inserted), then OpenID Connect discovery (path inserted, then appended). The metadata's
 * {@code issuer} must be the configured one exactly (RFC 8414 section 3.3), or tokens from a server
 * posing as it could be accepted.
 *
 * @param issuer                the issuer, as tokens carry it in {@code iss}
 * @param jwksUri               the key set that signs access tokens
 * @param introspectionEndpoint RFC 7662 endpoint, or {@code null} when the server publishes none
 */
record AuthorizationServer(String issuer, URI jwksUri, URI introspectionEndpoint) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Fetches and checks the metadata of {@code issuer}; an {@link IllegalStateException} names every URL tried when none answers. */
    static AuthorizationServer discover(String issuer, HttpClient http) {
        List<String> problems = new ArrayList<>();
        for (URI candidate : metadataUrls(issuer)) {
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(candidate).timeout(Duration.ofSeconds(20))
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    problems.add(candidate + ": HTTP " + r.statusCode());
                    continue;
                }
                JsonNode doc = JSON.readTree(r.body());
                String published = text(doc, "issuer");
                if (!issuer.equals(published))
                    throw new IllegalStateException("authorization server metadata at " + candidate + " names issuer '" + published
                            + "', not the configured auth.issuer '" + issuer + "'");
                String jwks = text(doc, "jwks_uri");
                if (jwks == null) throw new IllegalStateException("authorization server metadata at " + candidate + " has no jwks_uri");
                String introspection = text(doc, "introspection_endpoint");
                return new AuthorizationServer(issuer, URI.create(jwks), introspection == null ? null : URI.create(introspection));
            } catch (IOException e) {
                problems.add(candidate + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while discovering " + issuer, e);
            }
        }
        throw new IllegalStateException("no authorization server metadata for auth.issuer '" + issuer + "': " + String.join("; ", problems));
    }

    /** The metadata URLs to try, in the MCP spec's order. */
    static List<URI> metadataUrls(String issuer) {
        URI u = URI.create(issuer);
        String origin = u.getScheme() + "://" + u.getRawAuthority();
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.isEmpty())
            return List.of(URI.create(origin + "/.well-known/oauth-authorization-server"), URI.create(origin + "/.well-known/openid-configuration"));
        return List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
                URI.create(origin + "/.well-known/openid-configuration" + path),
                URI.create(origin + path + "/.well-known/openid-configuration"));
    }

    private static String text(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        return n != null && n.isString() ? n.asString() : null;
    }
}
