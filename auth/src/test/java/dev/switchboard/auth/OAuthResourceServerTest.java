package dev.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The auth matrix against a real authorization server (mock-oauth2-server): each bad token gets
 * 401 with a {@code WWW-Authenticate} challenge naming the RFC 9728 document, a token without a
 * tool's scope gets 403 {@code insufficient_scope} naming it, another principal's session is 404,
 * no body repeats the token, and after every refusal a good request still works.
 */
class OAuthResourceServerTest {
    private static MockOAuth2Server issuer;
    private static AuthHarness h;
    private static String alice;
    private static String aliceSession;

    @BeforeAll
    static void start() throws Exception {
        issuer = SharedIssuer.get();
        h = new AuthHarness(issuer, AuthHarness.settings(issuer));
        alice = h.token("alice", Map.of("scope", "files:read", "tenant", "acme"));
        aliceSession = h.initialize(alice);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** The server goes on: a good token still gets its answer after whatever the test did. */
    @AfterEach
    void serverGoesOn() throws Exception {
        HttpResponse<String> r = h.send(h.post(alice, aliceSession, AuthHarness.call("add")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"text\":\"5\"");
    }

    private static void assertUnauthorized(HttpResponse<String> r, String token, String error) {
        assertThat(r.statusCode()).isEqualTo(401);
        String challenge = r.headers().firstValue("www-authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer ").contains("resource_metadata=\"https://mcp.test/.well-known/oauth-protected-resource/mcp\"");
        if (error == null) assertThat(challenge).doesNotContain("error=");
        else assertThat(challenge).contains("error=\"" + error + "\"");
        if (token != null) assertThat(r.body()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        assertThat(r.body()).doesNotContainIgnoringCase("exception").contains("\"code\":-32003");
    }

    @Test
    void noToken_is401_pointingAtTheMetadata_withoutAnErrorCode() throws Exception {
        HttpResponse<String> r = h.send(h.post(null, null, AuthHarness.INIT));
        assertUnauthorized(r, null, null);
        assertThat(r.headers().firstValue("www-authenticate").orElseThrow()).contains("scope=\"files:read files:write\"");
    }

    @Test
    void otherSchemeOrEmptyBearer_is401() throws Exception {
        assertUnauthorized(h.send(h.post(null, null, AuthHarness.INIT).header("Authorization", "Basic YWxpY2U6c2VjcmV0")), null, null);
        assertUnauthorized(h.send(h.post(null, null, AuthHarness.INIT).header("Authorization", "Bearer ")), null, null);
    }

    @Test
    void expiredToken_is401InvalidTokenSayingItExpired() throws Exception {
        String expired = h.token("default", "alice", AuthHarness.RESOURCE, Map.of(), -300);
        HttpResponse<String> r = h.send(h.post(expired, aliceSession, AuthHarness.call("add")));
        assertUnauthorized(r, expired, "invalid_token");
        assertThat(r.headers().firstValue("www-authenticate").orElseThrow()).contains("expired");
    }

    @Test
    void wrongAudience_is401() throws Exception {
        String other = h.token("default", "alice", "https://other.example/mcp", Map.of(), 3600);
        assertUnauthorized(h.send(h.post(other, null, AuthHarness.INIT)), other, "invalid_token");
    }

    @Test
    void wrongIssuer_is401() throws Exception {
        String foreign = h.token("other-issuer", "alice", AuthHarness.RESOURCE, Map.of(), 3600);
        assertUnauthorized(h.send(h.post(foreign, null, AuthHarness.INIT)), foreign, "invalid_token");
    }

    @Test
    void badSignature_is401() throws Exception {
        int sig = alice.lastIndexOf('.') + 10;
        String forged = alice.substring(0, sig) + (alice.charAt(sig) == 'A' ? 'B' : 'A') + alice.substring(sig + 1);
        assertUnauthorized(h.send(h.post(forged, aliceSession, AuthHarness.call("add"))), forged, "invalid_token");
    }

    @Test
    void unsignedToken_is401() throws Exception {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String body = alice.substring(alice.indexOf('.') + 1, alice.lastIndexOf('.'));
        String none = header + "." + body + ".";
        assertUnauthorized(h.send(h.post(none, aliceSession, AuthHarness.call("add"))), null, "invalid_token");
    }

    @Test
    void missingScope_is403InsufficientScope_namingTheScope() throws Exception {
        String bob = h.token("bob", Map.of("scope", "files:write"));
        String session = h.initialize(bob);
        HttpResponse<String> r = h.send(h.post(bob, session, AuthHarness.call("secret")));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("www-authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"", "scope=\"files:read\"", "resource_metadata=\"https://mcp.test/.well-known/oauth-protected-resource/mcp\"");
        assertThat(r.body()).contains("\"requiredScopes\":[\"files:read\"]").doesNotContain("the secret").doesNotContain(bob);
        // bob's other calls go on
        assertThat(h.send(h.post(bob, session, AuthHarness.call("add"))).body()).contains("\"text\":\"5\"");
    }

    @Test
    void enoughScope_callsTheTool_andTheHandlerSeesThePrincipal() throws Exception {
        assertThat(h.send(h.post(alice, aliceSession, AuthHarness.call("secret"))).body()).contains("the secret");
        assertThat(h.send(h.post(alice, aliceSession, AuthHarness.call("whoami"))).body()).contains("alice@acme");
    }

    @Test
    void toolsList_showsACallerOnlyTheToolsItsScopesAllow() throws Exception {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}";
        String bob = h.token("bob", Map.of("scope", "files:write"));
        String bobs = h.send(h.post(bob, h.initialize(bob), list)).body();
        assertThat(bobs).contains("\"name\":\"add\"", "\"name\":\"whoami\"").doesNotContain("\"name\":\"secret\"");
        assertThat(h.send(h.post(alice, aliceSession, list)).body()).contains("\"name\":\"secret\"");
    }

    @Test
    void foreignSession_is404_andTheOwnerKeepsIt() throws Exception {
        String mallory = h.token("mallory", Map.of("scope", "files:read"));
        for (String body : new String[] {AuthHarness.call("secret"), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}"}) {
            HttpResponse<String> r = h.send(h.post(mallory, aliceSession, body));
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("the secret");
        }
        HttpRequest get = HttpRequest.newBuilder(h.mcp).header("Accept", "text/event-stream").header("Authorization", "Bearer " + mallory)
                .header("Mcp-Session-Id", aliceSession).GET().build();
        assertThat(h.client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        HttpRequest delete = HttpRequest.newBuilder(h.mcp).header("Authorization", "Bearer " + mallory).header("Mcp-Session-Id", aliceSession).DELETE().build();
        assertThat(h.client.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void foreignTask_isUnknownToAnotherPrincipal_andItsOwnerGetsIt() throws Exception {
        HttpResponse<String> created = h.send(h.post(alice, aliceSession,
                "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"report\",\"arguments\":{},\"task\":{\"ttl\":60000}}}"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"taskId\":\"([^\"]+)\"").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        String get = "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"" + m.group(1) + "\"}}";
        String mallory = h.token("mallory", Map.of("scope", "files:read"));
        HttpResponse<String> foreign = h.send(h.post(mallory, h.initialize(mallory), get));
        assertThat(foreign.body()).contains("\"error\"").doesNotContain("report for alice").doesNotContain("\"status\"");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> h.send(h.post(alice, aliceSession, get)).body().contains("\"status\":\"completed\""));
    }

    @Test
    void protectedResourceMetadata_isServedAtBothWellKnownPaths_withoutAToken() throws Exception {
        for (String path : new String[] {"/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"}) {
            HttpResponse<String> r = h.client.send(HttpRequest.newBuilder(h.mcp.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"resource\":\"https://mcp.test/mcp\"", "\"authorization_servers\":[\"" + issuer.issuerUrl("default") + "\"]",
                    "\"scopes_supported\":[\"files:read\",\"files:write\"]", "\"bearer_methods_supported\":[\"header\"]");
        }
    }
}
