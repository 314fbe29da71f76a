package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sb serve --set auth.issuer=…}: one key puts the MCP endpoint behind tokens from that issuer, with its RFC 9728 document beside it. */
class ServeAuthTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void serve_withAuthIssuer_refusesRequestsWithoutAToken_andServesThoseWithOne() throws Exception {
        MockOAuth2Server issuer = new MockOAuth2Server();
        issuer.start();
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String base = "http://127.0.0.1:" + port;
            Thread t = new Thread(() -> new CommandLine(new Sb()).execute("serve", "--port", Integer.toString(port),
                    "--set", "auth.issuer=" + issuer.issuerUrl("default")), "sb-serve-under-test");
            t.setDaemon(true);
            t.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> send(HttpRequest.newBuilder(URI.create(base + "/.well-known/oauth-protected-resource/mcp")).GET()).statusCode() == 200);
            HttpResponse<String> refused = send(post(base, null));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("www-authenticate").orElseThrow())
                    .contains("resource_metadata=\"" + base + "/.well-known/oauth-protected-resource/mcp\"");
            String token = issuer.issueToken("default", "cli", new DefaultOAuth2TokenCallback("default", "alice", "JWT", List.of(base + "/mcp"),
                    java.util.Map.of(), 3600)).serialize();
            assertThat(send(post(base, token)).statusCode()).isEqualTo(200);
        } finally {
            issuer.shutdown();
        }
    }

    private static HttpRequest.Builder post(String base, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/mcp")).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INIT));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
