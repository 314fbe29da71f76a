package dev.switchboard.auth;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.switchboard.mcp.Principal;
import dev.switchboard.transport.Authenticator;
import dev.switchboard.transport.HttpRoutes;
import dev.switchboard.transport.HttpSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The MCP server as an OAuth 2.1 resource server (MCP authorization, 2025-11-25): every request to
 * the MCP endpoint carries {@code Authorization: Bearer <token>}, a token the configured
 * authorization server issued for this server ({@code aud}), unexpired; otherwise 401 with a
 * {@code WWW-Authenticate} challenge pointing at the RFC 9728 document, which {@link #routes}
 * serves. JWTs are checked locally against the cached key set; other tokens are introspected
 * (RFC 7662) when a client id for that is configured.
 *
 * <pre>{@code
 * OAuthResourceServer auth = OAuthResourceServer.start(AuthSettings.of(issuer, "http://127.0.0.1:8080/mcp"), null);
 * StreamableHttpServer.start(server, http, auth.routes(), auth);
 * }</pre>
 */
public final class OAuthResourceServer implements Authenticator {
    private static final System.Logger LOG = System.getLogger(OAuthResourceServer.class.getName());
    private static final String BEARER = "bearer ";

    private final AuthSettings settings;
    private final String resource;
    private final AuthorizationServer server;
    private final AccessTokens tokens;
    private final Introspection introspection;
    private final Challenges challenges;
    private final ProtectedResourceMetadata metadata;
    private final VerifiedTokens verified;

    private OAuthResourceServer(AuthSettings settings, String resource, AuthorizationServer server, HttpClient http) {
        this.settings = settings;
        this.resource = resource;
        this.server = server;
        this.tokens = new AccessTokens(server, resource, settings);
        this.verified = new VerifiedTokens(settings.tokenCache(), settings.clockSkew());
        this.introspection = settings.introspectionClientId().isEmpty() ? null : introspection(settings, server, http);
        this.challenges = new Challenges(ProtectedResourceMetadata.url(resource), settings.scopesSupported());
        this.metadata = new ProtectedResourceMetadata(resource, server.issuer(), settings.scopesSupported());
    }

    /**
     * Discovers the authorization server of {@code settings.issuer()}, fetches its key set, and
     * returns the resource server. {@code endpointUrl} is the MCP endpoint's URL, this server's
     * identity when {@code auth.audience} is empty. Fails with a message naming the key or URL when
     * the issuer cannot be reached or its metadata does not fit.
     */
    public static OAuthResourceServer start(AuthSettings settings, String endpointUrl) {
        if (!settings.enabled()) throw new IllegalArgumentException("auth.issuer is empty: authorization is off");
        String resource = settings.audience().isEmpty() ? endpointUrl : settings.audience();
        if (resource == null || resource.isEmpty()) throw new IllegalArgumentException("auth.audience is empty and no endpoint URL was given");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        AuthorizationServer as = AuthorizationServer.discover(settings.issuer(), http);
        OAuthResourceServer rs = new OAuthResourceServer(settings, resource, as, http);
        try {
            rs.tokens.warm();
        } catch (Exception e) {
            throw new IllegalStateException("cannot fetch the key set at " + as.jwksUri() + " (from auth.issuer '" + settings.issuer() + "'): " + e.getMessage(), e);
        }
        return rs;
    }

    private static Introspection introspection(AuthSettings settings, AuthorizationServer server, HttpClient http) {
        if (server.introspectionEndpoint() == null)
            throw new IllegalArgumentException("auth.introspection.clientId is set but the metadata of '" + server.issuer() + "' names no introspection_endpoint");
        return new Introspection(server.introspectionEndpoint(), settings.introspectionClientId(), settings.introspectionClientSecret(), http);
    }

    /** This server's identity: what tokens must name in {@code aud} and what the RFC 9728 document calls {@code resource}. */
    public String resource() {
        return resource;
    }

    /** The URL of the RFC 9728 document, as 401 answers name it. */
    public String metadataUrl() {
        return ProtectedResourceMetadata.url(resource);
    }

    /** The RFC 9728 document at its two well-known paths, for the listener's routes; they are served without a token. */
    public HttpRoutes routes() {
        HttpRoutes.Builder routes = HttpRoutes.builder().route(ProtectedResourceMetadata.WELL_KNOWN, metadata);
        String suffixed = ProtectedResourceMetadata.suffixedPath(resource);
        if (!suffixed.equals(ProtectedResourceMetadata.WELL_KNOWN)) routes.route(suffixed, metadata);
        return routes.build();
    }

    /**
     * The resource server for a listener with {@code http}'s settings: its identity is
     * {@code auth.audience}, else the listener's own URL ({@code http://host:port/path}), which
     * needs a fixed port.
     */
    public static OAuthResourceServer startFor(AuthSettings settings, HttpSettings http) {
        if (settings.audience().isEmpty() && http.port() == 0)
            throw new IllegalArgumentException("auth.audience must name this server's URL when http.port is 0 (the port is not known before binding)");
        String host = http.host().contains(":") ? "[" + http.host() + "]" : http.host();
        return start(settings, "http://" + host + ":" + http.port() + http.path());
    }

    @Override
    public Verdict authenticate(String path, java.net.SocketAddress client, Function<String, String> header) {
        String authorization = header.apply("authorization");
        if (authorization == null || authorization.length() <= BEARER.length() || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            return challenges.noToken();
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) return challenges.noToken();
        return AccessTokens.looksLikeJwt(token) ? jwt(token) : opaque(token);
    }

    /** Checks a JWT; public so the benchmark can time it alone. */
    public Verdict verify(String token) {
        return jwt(token);
    }

    private Verdict jwt(String token) {
        Verdict.Allowed known = verified.allowed(token);
        if (known != null) return known;
        JWTClaimsSet claims;
        try {
            claims = tokens.verify(token);
        } catch (ExpiredJWTException e) {
            return challenges.invalidToken("The access token expired");
        } catch (BadJOSEException e) {
            LOG.log(System.Logger.Level.DEBUG, "refused an access token: {0}", e.getMessage());
            return challenges.invalidToken("The access token is invalid");
        } catch (Exception e) {
            // the key set could not be fetched, or the token is not even a JWS
            LOG.log(System.Logger.Level.DEBUG, "refused an access token: {0}", e.toString());
            return challenges.invalidToken("The access token is invalid");
        }
        String subject = claims.getSubject() != null ? claims.getSubject() : stringClaim(claims.getClaim("client_id"));
        if (subject == null) return challenges.invalidToken("The access token names no subject");
        Verdict.Allowed allowed = new Verdict.Allowed(new Principal(subject, clientId(claims.getClaim("client_id"), claims.getClaim("azp")),
                stringClaim(claims.getClaim(settings.tenantClaim())), scopes(claims.getClaim("scope"), claims.getClaim("scp")), claims.getClaims()));
        verified.remember(token, allowed, claims.getExpirationTime(), claims.getNotBeforeTime());
        // once per token (later requests hit the remembered verdict): who came in, never the token
        LOG.log(System.Logger.Level.INFO, "accepted a token for subject ''{0}'' (client {1}, tenant {2}, scopes {3}, expires {4})",
                subject, allowed.principal().clientId(), allowed.principal().tenant(), allowed.principal().scopes(), claims.getExpirationTime());
        return allowed;
    }

    /** Asks the authorization server about {@code token} (RFC 7662); package-private so a test can introspect a JWT. */
    Verdict opaque(String token) {
        if (introspection == null) return challenges.invalidToken("The access token is invalid");
        Introspection.Answer answer;
        try {
            answer = introspection.introspect(token);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return challenges.unavailable();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "token introspection failed: {0}", e.toString());
            return challenges.unavailable();
        }
        JsonNode c = answer.claims();
        if (!answer.active()) return challenges.invalidToken("The access token is invalid");
        if (c.has("iss") && !server.issuer().equals(c.get("iss").asString())) return challenges.invalidToken("The access token is invalid");
        if (!audienceIncludes(c.get("aud"))) return challenges.invalidToken("The access token is invalid");
        String subject = c.hasNonNull("sub") ? c.get("sub").asString() : c.hasNonNull("client_id") ? c.get("client_id").asString() : null;
        if (subject == null) return challenges.invalidToken("The access token names no subject");
        Map<String, Object> claims = new HashMap<>();
        for (var e : c.properties()) if (e.getValue().isValueNode() && !e.getValue().isNull()) claims.put(e.getKey(), e.getValue().asString());
        JsonNode tenant = c.get(settings.tenantClaim());
        return new Verdict.Allowed(new Principal(subject, c.hasNonNull("client_id") ? c.get("client_id").asString() : null,
                tenant != null && tenant.isString() ? tenant.asString() : null, scopes(c.hasNonNull("scope") ? c.get("scope").asString() : null, null), claims));
    }

    private boolean audienceIncludes(JsonNode aud) {
        if (aud == null) return false;
        if (aud.isString()) return aud.asString().equals(resource);
        for (JsonNode a : aud) if (a.isString() && a.asString().equals(resource)) return true;
        return false;
    }

    @Override
    public Verdict.Refused insufficientScope(List<String> scopes) {
        return challenges.insufficientScope(scopes);
    }

    /** The token's scopes: {@code scope} (space-separated, RFC 9068 / 8693) or {@code scp} (a list or a string, as some servers send). */
    static Set<String> scopes(Object scope, Object scp) {
        Set<String> all = new LinkedHashSet<>();
        for (Object source : new Object[] {scope, scp}) {
            if (source instanceof String s) {
                for (String part : s.split(" ")) if (!part.isBlank()) all.add(part);
            } else if (source instanceof Collection<?> list) {
                for (Object o : list) if (o instanceof String s && !s.isBlank()) all.add(s);
            }
        }
        return all;
    }

    private static String clientId(Object clientId, Object azp) {
        String c = stringClaim(clientId);
        return c != null ? c : stringClaim(azp);
    }

    private static String stringClaim(Object value) {
        return value instanceof String s ? s : null;
    }

    @Override
    public String toString() {
        return "OAuthResourceServer[resource=" + resource + ", issuer=" + server.issuer() + ", jwks=" + server.jwksUri()
                + (introspection == null ? "" : ", introspection=" + server.introspectionEndpoint()) + "]";
    }
}
