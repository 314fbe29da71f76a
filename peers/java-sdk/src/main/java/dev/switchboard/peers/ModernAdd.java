package dev.switchboard.peers;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import java.util.List;
import java.util.Map;

// The SDK 2.2.0's 2026-07-28 package (io.modelcontextprotocol.modern) is a separate server with its
// own servlet; this builds it with the same add tool the session-era server has.
final class ModernAdd {
    private ModernAdd() {}

    static HttpServletMcpTransport servlet() {
        McpSchema.Tool add = McpSchema.Tool.builder("add", Map.of("type", "object",
                        "properties", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")), "required", List.of("a", "b")))
                .description("Adds two numbers")
                .build();
        McpSyncTool tool = McpSyncTool.of(add, (context, request) -> McpSyncResponse.result(result(request.arguments())));
        McpSyncToolRepository tools = new McpSyncToolRepository() {
            @Override
            public ToolsPage list(io.modelcontextprotocol.modern.server.McpRequestContext context, String cursor) {
                return ToolsPage.of(List.of(add));
            }

            @Override
            public McpSyncTool find(io.modelcontextprotocol.modern.server.McpRequestContext context, String name) {
                return name.equals("add") ? tool : null;
            }
        };
        McpServer server = McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder("peer-java-sdk", "2.2.0").build())
                .feature(ToolsFeature.ofSync(tools))
                .build();
        return HttpServletMcpTransport.builder(server).endpoint("/mcp").build();
    }

    private static McpSchema.CallToolResult result(Map<String, Object> arguments) {
        double sum = ((Number) arguments.get("a")).doubleValue() + ((Number) arguments.get("b")).doubleValue();
        return new McpSchema.CallToolResult.Builder().addContent(McpSchema.TextContent.builder(PeerArgs.number(sum)).build()).build();
    }
}
