package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Principal;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.Authenticator;
import dev.switchboard.transport.HandshakeCheck;
import dev.switchboard.transport.HttpRoutes;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import dev.switchboard.transport.WebSocketSettings;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * WebSocket and legacy HTTP+SSE sessions are bound to the principal their handshake authenticated,
 * as Streamable HTTP sessions are: handlers see it, tool scopes and tools/list filtering apply,
 * and another principal's POST to a legacy session id finds nothing (404).
 */
class SocketSessionsPrincipalTest {
    /** "Bearer alice" has no scope, "Bearer root" has admin; anything else is refused. */
    private static final Authenticator TOKENS = new Authenticator() {
        @Override
        public Verdict authenticate(String path, java.net.SocketAddress client, Function<String, String> header) {
            String auth = header.apply("authorization");
            if ("Bearer alice".equals(auth)) return new Verdict.Allowed(new Principal("alice", "app", "acme", Set.of(), Map.of()));
            if ("Bearer root".equals(auth)) return new Verdict.Allowed(new Principal("root", "app", "acme", Set.of("admin"), Map.of()));
            return new Verdict.Refused(401, Map.of("WWW-Authenticate", "Bearer"), "The access token is missing or invalid");
        }

        @Override
        public Verdict.Refused insufficientScope(List<String> scopes) {
            return new Verdict.Refused(403, Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\""), "needs " + scopes);
        }
    };

    private McpServer server;
    private StreamableHttpServer http;

    @BeforeEach
    void start() throws InterruptedException {
        server = McpServer.builder("bound", "1.0")
                .tool("whoami", "Names the caller", ObjectNode.class, (a, c) -> c.principal() == null ? "nobody" : c.principal().subject())
                .tool("secret", "Needs admin", ObjectNode.class, (a, c) -> "classified")
                .toolScopes("secret", "admin")
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0), HttpRoutes.none(), WebSocketSettings.defaults(),
                HandshakeCheck.none(), TOKENS, null);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private McpClient client(String token, boolean webSocket) {
        McpClient.Builder b = McpClient.builder().clientInfo("t", "1").headers(Map.of("Authorization", "Bearer " + token));
        McpClient c = webSocket ? b.webSocket(URI.create("ws://localhost:" + http.port() + "/mcp/ws"))
                : b.legacySse(URI.create("http://localhost:" + http.port() + "/sse"));
        c.initialize();
        return c;
    }

    private static String text(Tools.CallToolResult r) {
        return ((Content.Text) r.content().getFirst()).text();
    }

    @Test
    void webSocketAndLegacySse_sessions_seeTheirHandshakesPrincipal_andItsScopes() {
        for (boolean webSocket : new boolean[] {true, false}) {
            try (McpClient alice = client("alice", webSocket); McpClient root = client("root", webSocket)) {
                assertThat(text(alice.callTool("whoami", Map.of()))).as("ws=%s", webSocket).isEqualTo("alice");
                assertThat(alice.listTools()).extracting(Tools.Tool::name).containsExactly("whoami");
                McpException denied = catchThrowableOfType(McpException.class, () -> alice.callTool("secret", Map.of()));
                assertThat(denied.error().data().get("requiredScopes").get(0).asString()).isEqualTo("admin");

                assertThat(text(root.callTool("whoami", Map.of()))).isEqualTo("root");
                assertThat(root.listTools()).extracting(Tools.Tool::name).containsExactlyInAnyOrder("whoami", "secret");
                assertThat(text(root.callTool("secret", Map.of()))).isEqualTo("classified");
            }
        }
    }

    @Test
    void legacySsePost_byAnotherPrincipal_findsNoSession() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + "/sse"))
                .header("Authorization", "Bearer alice").header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String endpoint = null;
            for (String line; endpoint == null && (line = events.readLine()) != null; )
                if (line.startsWith("data: /messages")) endpoint = line.substring("data: ".length());
            URI post = URI.create("http://localhost:" + http.port() + endpoint);
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
            HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(post).header("Authorization", "Bearer root")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(404);
            assertThat(foreign.body()).contains("Session not found").doesNotContain("alice");
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(post)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            HttpResponse<String> own = client.send(HttpRequest.newBuilder(post).header("Authorization", "Bearer alice")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(own.statusCode()).isEqualTo(202);
        }
    }

    @Test
    void handshakesWithoutToken_get401WithTheAuthenticatorsChallenge() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> sse = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + "/sse"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sse.statusCode()).isEqualTo(401);
        assertThat(sse.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(sse.body()).contains("missing or invalid");
        // the JDK's HttpClient refuses to send Upgrade itself: a raw upgrade request over a socket
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", http.port())) {
            s.getOutputStream().write(("GET /mcp/ws HTTP/1.1\r\nHost: localhost:" + http.port() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 401");
            List<String> headers = new java.util.ArrayList<>();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) headers.add(line.toLowerCase(java.util.Locale.ROOT));
            assertThat(headers).contains("www-authenticate: bearer");
        }
    }
}
