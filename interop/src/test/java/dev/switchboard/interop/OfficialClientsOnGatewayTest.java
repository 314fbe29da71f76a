package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official clients on the gateway: the TypeScript SDK client (interop/ts-client-smoke.mjs) and the Java SDK client
 * connect to the gateway's Streamable HTTP endpoint, see server-everything's tools under the agent's prefix, and call
 * them through it (server-everything is a server nobody here wrote, run as a stdio member of the gateway's pool).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OfficialClientsOnGatewayTest {
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void typescriptClient_onTheGateway_listsPrefixedToolsAndCallsThroughIt() throws Exception {
        List<String> command = new ArrayList<>(List.of(Fixture.node().toString(), Fixture.interopDir().resolve("ts-client-smoke.mjs").toString(),
                fixture.url(),
                "--expect-tools", "every_echo,every_get-sum,every_trigger-long-running-operation",
                "--call-tool", "every_echo", "--call-args", "{\"message\":\"through the gateway\"}", "--call-expect", "Echo: through the gateway",
                "--progress-tool", "every_trigger-long-running-operation", "--progress-args", "{\"duration\":1,\"steps\":3}", "--min-progress", "3",
                "--subscribe-uri", "demo://resource/dynamic/text/1", "--skip-updated",
                "--prompt", "every_simple-prompt"));
        Process p = new ProcessBuilder(command).directory(Fixture.interopDir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("\"step\":\"tools/call every_echo\",\"ok\":true").contains("\"summary\":{\"passed\":7,\"failed\":0}");
    }

    @Test
    void javaSdkClient_onTheGateway_listsPrefixedToolsAndCallsThroughIt() {
        var transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + fixture.http.port()).endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build())).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        try {
            assertThat(client.initialize().protocolVersion()).isEqualTo("2025-11-25");
            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(names).contains("every_echo", "every_get-sum").allMatch(n -> n.startsWith("every_"));
            McpSchema.CallToolResult echo = client.callTool(new McpSchema.CallToolRequest("every_echo", Map.of("message", "from the Java SDK")));
            assertThat(echo.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((McpSchema.TextContent) echo.content().getFirst()).text()).isEqualTo("Echo: from the Java SDK");
            McpSchema.CallToolResult sum = client.callTool(new McpSchema.CallToolRequest("every_get-sum", Map.of("a", 2, "b", 40)));
            assertThat(((McpSchema.TextContent) sum.content().getFirst()).text()).contains("42");
        } finally {
            client.closeGracefully();
        }
    }
}
