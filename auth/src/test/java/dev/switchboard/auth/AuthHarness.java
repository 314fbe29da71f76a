package dev.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real authorization server (mock-oauth2-server, on a free port) and an MCP server behind the
 * resource server, spoken to over real sockets; what every auth test starts from.
 */
final class AuthHarness implements AutoCloseable {
    static final String RESOURCE = "https://mcp.test/mcp";
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    final MockOAuth2Server issuer;
    final McpServer server;
    final OAuthResourceServer auth;
    final StreamableHttpServer http;
    final URI mcp;
    final HttpClient client = HttpClient.newHttpClient();

    AuthHarness(MockOAuth2Server issuer, AuthSettings settings) throws Exception {
        this.issuer = issuer;
        server = McpServer.builder("auth-test", "1")
                .tool("add", "adds", ObjectNode.class, (a, c) -> String.valueOf(a.get("a").asInt() + a.get("b").asInt()))
                .tool("whoami", "says who called", ObjectNode.class, (a, c) -> c.principal().subject() + "@" + c.principal().tenant())
                .tool("secret", "needs files:read", ObjectNode.class, (a, c) -> "the secret")
                .toolScopes("secret", "files:read")
                .taskTool("report", "builds a report as a task", ObjectNode.class, "optional", true, (a, c) -> "report for alice")
                .tasks(java.nio.file.Files.createTempDirectory("auth-tasks"))
                .build();
        auth = OAuthResourceServer.start(settings, null);
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0), auth.routes(), auth);
        mcp = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
    }

    static AuthSettings settings(MockOAuth2Server issuer) {
        return AuthSettings.of(issuer.issuerUrl("default").toString(), RESOURCE).withScopesSupported(List.of("files:read", "files:write"));
    }

    /** A token from issuer {@code issuerId} for {@code subject}, naming {@code audience}, with {@code claims}, valid {@code seconds} from now (negative: expired). */
    String token(String issuerId, String subject, String audience, Map<String, Object> claims, long seconds) {
        return issue(issuer, issuerId, subject, audience, claims, seconds);
    }

    static String issue(MockOAuth2Server from, String issuerId, String subject, String audience, Map<String, Object> claims, long seconds) {
        return from.issueToken(issuerId, "client-1", new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(audience), claims, seconds)).serialize();
    }

    String token(String subject, Map<String, Object> claims) {
        return token("default", subject, RESOURCE, claims, 3600);
    }

    HttpRequest.Builder post(String token, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (session != null) b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens an initialized session with {@code token}; its id. */
    String initialize(String token) throws Exception {
        HttpResponse<String> r = send(post(token, null, INIT));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = r.headers().firstValue("mcp-session-id").orElseThrow();
        assertThat(send(post(token, id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")).statusCode()).isEqualTo(202);
        return id;
    }

    static String call(String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{\"a\":2,\"b\":3}}}";
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
