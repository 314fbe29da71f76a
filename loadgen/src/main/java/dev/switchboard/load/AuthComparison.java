package dev.switchboard.load;

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
import dev.switchboard.client.McpClient;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * {@code ./sb compare --auth}: {@code tools/call} throughput of {@code sb serve} with OAuth on
 * against the same server with it off, the same load, in interleaved rounds; the issue's goal is
 * that auth keeps at least 90% of the calls/s.
 *
 * <p>The authorization server is this process: an RSA key generated at start, its key set and
 * RFC 8414 metadata served on 127.0.0.1 by the JDK's HTTP server, and one RS256 access token
 * signed with it (the shape mock-oauth2-server issues, without starting a second JVM beside the
 * two servers on a shared machine). The authenticated server fetches the key set over HTTP and
 * verifies the token as it would any issuer's, {@code auth.tokenCacheMs} at its default; each
 * session sends the token on every request. Servers: two {@code sb serve} processes (the demo,
 * its {@code add} tool); generator: {@link McpClient} over Streamable HTTP in this JVM.
 */
public final class AuthComparison {
    /** What to run. */
    public record Options(Path root, int rounds, int connections, Duration duration, Duration warmup) {}

    private static final double GOAL = 0.90;
    private static final String AUDIENCE = "http://switchboard.bench/mcp";

    private AuthComparison() {}

    /** Runs the comparison and prints both figures and PASS/MISS; {@code true} when the goal passes. */
    public static boolean run(Options o, PrintStream out) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + issuer.getAddress().getPort();
        serve(issuer, "/.well-known/oauth-authorization-server", "{\"issuer\":\"" + origin + "\",\"jwks_uri\":\"" + origin + "/jwks\"}");
        serve(issuer, "/jwks", new JWKSet(key.toPublicJWK()).toString());
        issuer.start();
        String token = token(key, origin);
        Path logs = o.root().resolve("target/compare");
        Peer plain = new Peer("switchboard-auth-off", "sb serve without auth", o.root(), Peers.switchboardServe("--port", "0"), List.of(), List.of(), false);
        Peer secured = new Peer("switchboard-auth-on", "sb serve with auth.issuer", o.root(), Peers.switchboardServe("--port", "0",
                "--set", "auth.issuer=" + origin, "--set", "auth.audience=" + AUDIENCE), List.of(), List.of(), false);
        out.printf("auth: %d connections, %d round(s) of %d s each, interleaved; issuer in this process (RSA 2048 key, RS256 JWT, JWKS over HTTP at %s); "
                + "servers sb serve (demo, tool add) with auth off and on; figures from a busy shared machine unless it is quiet%n",
                o.connections(), o.rounds(), o.duration().toSeconds(), origin);
        List<McpClient> off = new ArrayList<>();
        List<McpClient> on = new ArrayList<>();
        List<Double> offRates = new ArrayList<>();
        List<Double> onRates = new ArrayList<>();
        try (PeerProcess a = PeerProcess.start(plain, logs.resolve("auth-off-server.log"), Duration.ofSeconds(60));
             PeerProcess b = PeerProcess.start(secured, logs.resolve("auth-on-server.log"), Duration.ofSeconds(60))) {
            for (int i = 0; i < o.connections(); i++) {
                off.add(open(a.endpoint(), Map.of()));
                on.add(open(b.endpoint(), Map.of("Authorization", "Bearer " + token)));
            }
            out.printf("  warm-up  auth off %,10.0f calls/s, auth on %,10.0f calls/s (not counted)%n",
                    measure(off, o.connections(), o.warmup()), measure(on, o.connections(), o.warmup()));
            for (int round = 1; round <= o.rounds(); round++) {
                // alternate which goes first, so drift on the machine does not favour one side
                boolean offFirst = round % 2 == 1;
                double first = measure(offFirst ? off : on, o.connections(), o.duration());
                double second = measure(offFirst ? on : off, o.connections(), o.duration());
                offRates.add(offFirst ? first : second);
                onRates.add(offFirst ? second : first);
                out.printf("  round %d  auth off %,10.0f calls/s, auth on %,10.0f calls/s%n", round, offRates.getLast(), onRates.getLast());
            }
        } finally {
            off.forEach(McpClient::close);
            on.forEach(McpClient::close);
            issuer.stop(0);
        }
        double offMean = offRates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double onMean = onRates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ratio = offMean == 0 ? 0 : onMean / offMean;
        out.printf("%nauth off  %,10.0f calls/s%nauth on   %,10.0f calls/s%n", offMean, onMean);
        boolean pass = ratio >= GOAL;
        out.printf("goal: tools/call with auth on keeps >= %.0f%% of the throughput without it: %.1f%% %s%n", GOAL * 100, ratio * 100, pass ? "PASS" : "MISS");
        return pass;
    }

    private static McpClient open(URI endpoint, Map<String, String> headers) {
        McpClient c = McpClient.builder().requestTimeout(Duration.ofSeconds(30)).headers(headers).http(endpoint);
        c.initialize();
        return c;
    }

    private static double measure(List<McpClient> clients, int callers, Duration d) throws InterruptedException {
        LongAdder calls = new LongAdder();
        LongAdder errors = new LongAdder();
        long start = System.nanoTime();
        TransportComparison.drive(clients, callers, d, new Recorder(3), calls, errors);
        if (errors.sum() > 0) throw new IllegalStateException(errors.sum() + " tools/call requests failed; see target/compare/auth-*-server.log");
        return calls.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static String token(RSAKey key, String issuer) throws Exception {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE).subject("bench").claim("client_id", "sb-compare")
                .issueTime(new Date(now)).expirationTime(new Date(now + 3_600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void serve(HttpServer server, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
    }
}
