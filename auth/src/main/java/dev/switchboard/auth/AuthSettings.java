package dev.switchboard.auth;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The OAuth 2.1 resource server's settings. Off unless {@code auth.issuer} is set: one key turns
 * authorization on for the HTTP listener.
 *
 * @param issuer              the authorization server's issuer URL; its metadata (RFC 8414, else OpenID
 *                            Connect discovery) names the key set and the introspection endpoint
 * @param audience            this server's canonical URI (RFC 8707), which tokens must name in {@code aud};
 *                            empty: the MCP endpoint's own URL
 * @param scopesSupported     published in the RFC 9728 document and in 401 challenges
 * @param clockSkew           tolerance on {@code exp} and {@code nbf}
 * @param jwksMinRefresh      at least this long between key-set refetches caused by an unknown key id
 * @param introspectionClientId     client id for RFC 7662 introspection of opaque tokens; empty: JWTs only
 * @param introspectionClientSecret its secret
 * @param tenantClaim         the token claim that names the caller's tenant
 * @param tokenCache          how long a verified JWT is remembered, so its next request skips the
 *                            signature check (zero: every request verifies)
 */
public record AuthSettings(String issuer, String audience, List<String> scopesSupported, Duration clockSkew, Duration jwksMinRefresh,
                           String introspectionClientId, String introspectionClientSecret, String tenantClaim, Duration tokenCache) {
    public static final ConfigKey<String> ISSUER = ConfigKey.string("auth.issuer", "",
            "OAuth authorization server issuer URL; set it to require access tokens on the MCP endpoint (empty: no authorization)");
    public static final ConfigKey<String> AUDIENCE = ConfigKey.string("auth.audience", "",
            "this server's canonical URI (RFC 8707) that tokens must name in aud; empty: the MCP endpoint's URL");
    public static final ConfigKey<String> SCOPES = ConfigKey.string("auth.scopes", "", "comma-separated scopes published as scopes_supported");
    public static final ConfigKey<Integer> CLOCK_SKEW_SECONDS = ConfigKey.integer("auth.clockSkewSeconds", 60, 0, 600,
            "tolerance on a token's exp and nbf");
    public static final ConfigKey<Long> JWKS_MIN_REFRESH_MS = ConfigKey.longInteger("auth.jwksMinRefreshMs", 30_000, 0, 3_600_000,
            "least time between key-set refetches caused by an unknown key id (0: no limit)");
    public static final ConfigKey<String> INTROSPECTION_CLIENT_ID = ConfigKey.string("auth.introspection.clientId", "",
            "client id for RFC 7662 introspection of opaque tokens (empty: only JWT access tokens)");
    public static final ConfigKey<String> INTROSPECTION_CLIENT_SECRET = ConfigKey.secret("auth.introspection.clientSecret",
            "client secret for RFC 7662 introspection");
    public static final ConfigKey<String> TENANT_CLAIM = ConfigKey.string("auth.tenantClaim", "tenant", "token claim that names the caller's tenant");

    public static final ConfigKey<Long> TOKEN_CACHE_MS = ConfigKey.longInteger("auth.tokenCacheMs", 60_000, 0, 300_000,
            "how long a verified JWT is remembered so its next request skips the signature check; a token signed by a key the authorization server withdrew stays accepted this long (0: verify every request)");

    /**
     * Every auth key, for {@link Config#load}, with the context frame's claim names and stages
     * ({@link dev.switchboard.mcp.FrameRules#KEYS}: they live in mcp, which applies them).
     */
    public static final List<ConfigKey<?>> KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of(ISSUER, AUDIENCE, SCOPES, CLOCK_SKEW_SECONDS,
            JWKS_MIN_REFRESH_MS, INTROSPECTION_CLIENT_ID, INTROSPECTION_CLIENT_SECRET, TENANT_CLAIM, TOKEN_CACHE_MS),
            dev.switchboard.mcp.FrameRules.KEYS.stream()).toList();

    public AuthSettings {
        scopesSupported = List.copyOf(scopesSupported);
    }

    public static AuthSettings from(Config c) {
        List<String> scopes = Arrays.stream(c.get(SCOPES).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new AuthSettings(c.get(ISSUER), c.get(AUDIENCE), scopes, Duration.ofSeconds(c.get(CLOCK_SKEW_SECONDS)),
                Duration.ofMillis(c.get(JWKS_MIN_REFRESH_MS)), c.get(INTROSPECTION_CLIENT_ID), c.get(INTROSPECTION_CLIENT_SECRET),
                c.get(TENANT_CLAIM), Duration.ofMillis(c.get(TOKEN_CACHE_MS)));
    }

    /** Settings for {@code issuer} and {@code audience}, everything else at its default. */
    public static AuthSettings of(String issuer, String audience) {
        return from(Config.defaults(KEYS)).withIssuer(issuer).withAudience(audience);
    }

    /** Whether authorization is on. */
    public boolean enabled() {
        return !issuer.isEmpty();
    }

    public AuthSettings withIssuer(String i) {
        return new AuthSettings(i, audience, scopesSupported, clockSkew, jwksMinRefresh, introspectionClientId, introspectionClientSecret, tenantClaim, tokenCache);
    }

    public AuthSettings withAudience(String a) {
        return new AuthSettings(issuer, a, scopesSupported, clockSkew, jwksMinRefresh, introspectionClientId, introspectionClientSecret, tenantClaim, tokenCache);
    }

    public AuthSettings withScopesSupported(List<String> s) {
        return new AuthSettings(issuer, audience, s, clockSkew, jwksMinRefresh, introspectionClientId, introspectionClientSecret, tenantClaim, tokenCache);
    }

    public AuthSettings withJwksMinRefresh(Duration d) {
        return new AuthSettings(issuer, audience, scopesSupported, clockSkew, d, introspectionClientId, introspectionClientSecret, tenantClaim, tokenCache);
    }

    public AuthSettings withTokenCache(Duration d) {
        return new AuthSettings(issuer, audience, scopesSupported, clockSkew, jwksMinRefresh, introspectionClientId, introspectionClientSecret, tenantClaim, d);
    }

    public AuthSettings withIntrospection(String clientId, String clientSecret) {
        return new AuthSettings(issuer, audience, scopesSupported, clockSkew, jwksMinRefresh, clientId, clientSecret, tenantClaim, tokenCache);
    }
}
