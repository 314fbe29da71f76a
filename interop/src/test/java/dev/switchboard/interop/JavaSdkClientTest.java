package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The official MCP Java SDK client (2.2.0) against Switchboard, over Streamable HTTP, stdio and legacy HTTP+SSE. */
class JavaSdkClientTest {
    private static Fixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new Fixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static McpClientTransport transport(String kind) {
        var mapper = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        if (kind.equals("http"))
            return HttpClientStreamableHttpTransport.builder("http://localhost:" + fixture.http.port()).endpoint("/mcp").jsonMapper(mapper).build();
        if (kind.equals("sse")) // the legacy HTTP+SSE transport of 2024-11-05: GET /sse, POST /messages?sessionId=
            return HttpClientSseClientTransport.builder("http://localhost:" + fixture.http.port()).sseEndpoint("/sse").jsonMapper(mapper).build();
        List<String> cmd = Fixture.stdioCommand();
        return new StdioClientTransport(ServerParameters.builder(cmd.getFirst()).args(cmd.subList(1, cmd.size())).build(), mapper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "stdio", "sse"})
    void officialJavaClient_listsCallsReadsSubscribesAndGetsPrompts(String kind) {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        List<String> updated = new CopyOnWriteArrayList<>();
        McpSyncClient client = McpClient.sync(transport(kind)).requestTimeout(Duration.ofSeconds(20))
                .progressConsumer(progress::add)
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(c.uri())))
                .build();
        try {
            // the SDK's legacy SSE transport offers only 2024-11-05
            assertThat(client.initialize().protocolVersion()).isEqualTo(kind.equals("sse") ? "2024-11-05" : "2025-11-25");
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("add", "test_simple_text", "test_tool_with_progress");
            McpSchema.CallToolResult sum = client.callTool(new McpSchema.CallToolRequest("add", Map.of("a", 2, "b", 3)));
            assertThat(((McpSchema.TextContent) sum.content().getFirst()).text()).isEqualTo("5");
            McpSchema.CallToolResult withProgress = client.callTool(new McpSchema.CallToolRequest("test_tool_with_progress", Map.of(), Map.of("progressToken", "p-" + kind)));
            assertThat(withProgress.isError()).isNotEqualTo(Boolean.TRUE);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> progress.size() >= 3);
            // the SDK's legacy SSE transport hands each event to its own subscription, so its consumer can see them out of
            // order (observed [50, 0, 100]); the order on the wire is LegacySseTransportTest's to check
            if (kind.equals("sse")) assertThat(progress).extracting(McpSchema.ProgressNotification::progress).contains(0.0, 50.0, 100.0);
            else assertThat(progress).extracting(McpSchema.ProgressNotification::progress).isSorted();
            McpSchema.ReadResourceResult text = client.readResource(new McpSchema.ReadResourceRequest("test://static-text"));
            assertThat(((McpSchema.TextResourceContents) text.contents().getFirst()).text()).isNotBlank();
            client.subscribeResource(new McpSchema.SubscribeRequest("test://watched-resource"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> updated.contains("test://watched-resource"));
            McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("test_simple_prompt", Map.of()));
            assertThat(prompt.messages()).isNotEmpty();
        } finally {
            client.closeGracefully();
        }
    }
}
