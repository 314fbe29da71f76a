package dev.switchboard.benchmarks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.auth.AuthSettings;
import dev.switchboard.auth.OAuthResourceServer;
import dev.switchboard.transport.Authenticator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the OAuth resource server costs a request: the whole check a request with
 * {@code Authorization: Bearer <JWT>} goes through ({@link OAuthResourceServer#authenticate}: the
 * header, the RS256 signature against the cached key set, {@code iss}, {@code aud}, {@code exp},
 * {@code nbf}, the principal built). The key set is fetched once at setup from a local
 * authorization server (the JDK's HTTP server serving RFC 8414 metadata and the JWKS), as in
 * production it is fetched once and cached. Goal: under 20 µs for a client's repeated token
 * ({@code validate}); {@code validateUncached} shows what the signature check costs a token's first use.
 *
 * <pre>
 * ./sb bench auth
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthBenchmark {
    private static final String RESOURCE = "https://mcp.bench/mcp";
    private HttpServer issuer;
    private OAuthResourceServer rs;
    private OAuthResourceServer uncached;
    private String header;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-1").generate();
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + issuer.getAddress().getPort();
        byte[] metadata = ("{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/jwks\"}").getBytes(StandardCharsets.UTF_8);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        issuer.createContext("/.well-known/oauth-authorization-server", x -> answer(x, metadata));
        issuer.createContext("/jwks", x -> answer(x, jwks));
        issuer.start();
        rs = OAuthResourceServer.start(AuthSettings.of(base, RESOURCE), null);
        uncached = OAuthResourceServer.start(AuthSettings.of(base, RESOURCE).withTokenCache(java.time.Duration.ZERO), null);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(base).subject("alice").audience(RESOURCE).claim("scope", "files:read files:write")
                .claim("tenant", "acme").issueTime(new Date()).notBeforeTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench-1").type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        header = "Bearer " + jwt.serialize();
        if (!(validate() instanceof Authenticator.Verdict.Allowed)) throw new IllegalStateException("the benchmark's token is refused: " + validate());
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, byte[] body) throws java.io.IOException {
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        issuer.stop(0);
    }

    /** A request with the token the client sent before: the verdict remembered ({@code auth.tokenCacheMs}), the token's times checked. */
    @Benchmark
    public Authenticator.Verdict validate() {
        return rs.authenticate("/mcp", null, name -> name.equals("authorization") ? header : null);
    }

    /** The full check every time ({@code auth.tokenCacheMs} = 0): the RS256 signature verified, then the claims. */
    @Benchmark
    public Authenticator.Verdict validateUncached() {
        return uncached.authenticate("/mcp", null, name -> name.equals("authorization") ? header : null);
    }
}
