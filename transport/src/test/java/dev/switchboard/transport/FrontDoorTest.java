package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Served;
import dev.switchboard.mcp.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code server.serve(Transport.http(port))} finds this module's transports and serves on a real socket. */
class FrontDoorTest {
    record Greet(String name) {}

    @Test
    void start_httpTransport_answersToolsCallOnItsPort() throws Exception {
        try (McpServer server = McpServer.builder("hello", "1.0.0")
                .tool("greet", "Greets a person", Greet.class, g -> "Hello, " + g.name())
                .build();
             Served served = server.start(Transport.http(0))) {
            assertThat(served.port()).isPositive();
            HttpClient client = HttpClient.newHttpClient();
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"},"
                    + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "greet")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("Hello, Ada");
        }
    }

    @Test
    void httpTransport_badPort_isRefusedAtConstruction() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Transport.http(70_000)).hasMessageContaining("70000");
    }
}
