package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.auth.AuthSettings;
import dev.switchboard.auth.OAuthResourceServer;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official TypeScript SDK client's OAuth support against a real authorization server
 * (mock-oauth2-server), headless: {@code interop/ts-client-oauth.mjs} is refused with 401,
 * discovers the authorization server from our RFC 9728 document, runs the authorization-code flow
 * with PKCE (the authorize endpoint answers without a login page), and calls a tool with the token.
 */
class TypeScriptOAuthClientTest {
    @Test
    void typescriptClient_withoutAToken_discoversTheIssuer_getsOne_andCallsTheTool() throws Exception {
        MockOAuth2Server issuer = new MockOAuth2Server();
        issuer.start();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String resource = "http://127.0.0.1:" + port + "/mcp";
        McpServer server = McpServer.builder("oauth", "1.0")
                .tool("whoami", "Names the caller", ObjectNode.class, (a, c) -> c.principal().subject())
                .build();
        // the token the authorization-code grant issues: for alice, naming this server as its audience (RFC 8707)
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice", "JWT", List.of(resource), Map.of(), 3600));
        OAuthResourceServer auth = OAuthResourceServer.start(AuthSettings.of(issuer.issuerUrl("default").toString(), resource), null);
        StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(port), auth.routes(), auth);
        try {
            Process p = new ProcessBuilder(Fixture.node().toString(), Fixture.interopDir().resolve("ts-client-oauth.mjs").toString(), resource, "whoami")
                    .directory(Fixture.interopDir().toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("\"ok\":true", "\"text\":\"alice\"", "\"401\"", "authorize http://localhost:" + issuer.url("").port(), "\"tokens\"");
        } finally {
            http.close();
            server.close();
            issuer.shutdown();
        }
    }
}
