package dev.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Principal;
import dev.switchboard.transport.Authenticator;
import dev.switchboard.transport.HttpRoutes;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rate limits per client address (over real sockets, authorization off), per principal and per tenant. */
class RateLimitsTest {

    @Test
    void perAddress_withoutAuthorization_answers429WithRetryAfterAndTheLimitsKey_andOtherRequestsWaitTheirTurn() throws Exception {
        try (McpServer server = McpServer.builder("limits", "1").build();
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0), HttpRoutes.none(), new RateLimits(null, 2, 0, 0))) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest init = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/mcp")).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(AuthHarness.INIT)).build();
            int ok = 0;
            HttpResponse<String> limited = null;
            for (int i = 0; i < 4 && limited == null; i++) {
                HttpResponse<String> r = client.send(init, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) ok++;
                else limited = r;
            }
            assertThat(ok).isGreaterThanOrEqualTo(2);
            assertThat(limited).isNotNull();
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after").orElseThrow()).isEqualTo("1");
            assertThat(limited.body()).contains("-32000", "limits.address.perSecond = 2");
        }
    }

    @Test
    void perPrincipalAndPerTenant_countEachSeparately() {
        Authenticator fixed = new Authenticator() {
            @Override
            public Verdict authenticate(String path, java.net.SocketAddress client, java.util.function.Function<String, String> header) {
                String who = header.apply("authorization");
                return new Verdict.Allowed(new Principal(who, null, who.startsWith("a") ? "acme" : "globex", Set.of(), Map.of()));
            }

            @Override
            public Verdict.Refused insufficientScope(List<String> scopes) {
                throw new UnsupportedOperationException();
            }
        };
        RateLimits limits = new RateLimits(fixed, 0, 1, 2);
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 5000);
        assertThat(limits.authenticate("/mcp", from, h -> "alice")).isInstanceOf(Authenticator.Verdict.Allowed.class);
        assertThat(limits.authenticate("/mcp", from, h -> "alice")).isInstanceOfSatisfying(Authenticator.Verdict.Refused.class,
                r -> assertThat(r.message()).contains("limits.principal.perSecond = 1"));
        assertThat(limits.authenticate("/mcp", from, h -> "anna")).isInstanceOf(Authenticator.Verdict.Allowed.class);
        assertThat(limits.authenticate("/mcp", from, h -> "arthur")).isInstanceOfSatisfying(Authenticator.Verdict.Refused.class,
                r -> assertThat(r.message()).contains("limits.tenant.perSecond = 2"));
        assertThat(limits.authenticate("/mcp", from, h -> "bob")).isInstanceOf(Authenticator.Verdict.Allowed.class);
    }
}
