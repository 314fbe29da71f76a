package dev.switchboard.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.util.Set;

/**
 * JWT access tokens, checked with Nimbus: the signature against the authorization server's key set
 * (cached; refetched when a token names a key id the cache lacks, so a rotated key is picked up, at
 * most once per {@code auth.jwksMinRefreshMs}), then {@code iss} exactly, {@code aud} containing
 * this server, {@code exp} and {@code nbf} within the clock skew. Only asymmetric signatures: an
 * {@code alg: none} or HMAC token is refused before any key is looked up.
 */
final class AccessTokens {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JWKSource<SecurityContext> keys;

    AccessTokens(AuthorizationServer server, String audience, AuthSettings settings) {
        try {
            JWKSourceBuilder<SecurityContext> b = JWKSourceBuilder.create(server.jwksUri().toURL(), new DefaultResourceRetriever(5_000, 5_000, 512 * 1024))
                    .cache(JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .retrying(true);
            long minRefresh = settings.jwksMinRefresh().toMillis();
            keys = (minRefresh == 0 ? b.rateLimited(false) : b.rateLimited(minRefresh)).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwks_uri '" + server.jwksUri() + "' is not a URL", e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // RFC 9068 access tokens say at+jwt; many servers still say JWT or nothing
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(server.issuer()).build(), Set.of("exp"), null);
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The token's claims when it passes every check; otherwise an exception whose message says which check failed. */
    JWTClaimsSet verify(String token) throws Exception {
        return processor.process(token, null);
    }

    /** Fetches the key set now, so the first request does not wait for it (and a wrong jwks_uri shows at start-up). */
    void warm() throws Exception {
        keys.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder().build()), null);
    }

    /** Whether {@code token} looks like a JWS (three base64url parts): else it is opaque, for introspection. */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first && token.chars().filter(c -> c == '.').count() == 2;
    }
}
