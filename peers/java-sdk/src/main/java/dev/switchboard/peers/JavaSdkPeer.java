package dev.switchboard.peers;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The official MCP Java SDK 2.2.0 as a peer for {@code ./sb compare}, on embedded Jetty 12 with
 * Jetty's defaults, one tool {@code add}, both eras on one endpoint: its streamable servlet transport
 * (stateful sessions) and its 2026-07-28 package's {@code HttpServletMcpTransport} (stateless), a
 * POST naming 2026-07-28 in {@code MCP-Protocol-Version} going to the latter. Written the way the
 * SDK's documentation writes a server, so what is measured is the SDK as people use it.
 *
 * <pre>
 * java -cp peers/java-sdk/target/peer-java-sdk-0.1.0-SNAPSHOT.jar:$(cat peers/java-sdk/target/classpath.txt) \
 *     dev.switchboard.peers.JavaSdkPeer --port 0
 * </pre>
 *
 * <p>Prints {@code LISTENING http://127.0.0.1:PORT/mcp} once it accepts connections; SIGTERM stops
 * Jetty through the shutdown hook.
 */
public final class JavaSdkPeer {
    private JavaSdkPeer() {}

    public static void main(String[] args) throws Exception {
        // Jetty and the SDK log every start and initialize at info; a peer under load should not be measuring its logger
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null)
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int port = PeerArgs.port(args);

        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .build();
        McpSyncServer mcp = McpServer.sync(transport)
                .serverInfo("peer-java-sdk", "2.2.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .toolCall(addTool(), (exchange, request) -> add(request.arguments()))
                .build();

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder servlet = new ServletHolder(new ByEra(transport, ModernAdd.servlet()));
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/*");
        jetty.setHandler(context);
        jetty.setStopAtShutdown(true);
        Runtime.getRuntime().addShutdownHook(new Thread(mcp::close, "mcp-close"));
        jetty.start();

        System.out.println("LISTENING http://127.0.0.1:" + connector.getLocalPort() + "/mcp");
        System.out.flush();
        jetty.join();
    }

    private static McpSchema.Tool addTool() {
        Map<String, Object> number = Map.of("type", "number");
        return McpSchema.Tool.builder()
                .name("add")
                .description("Adds two numbers")
                .inputSchema(Map.of("type", "object", "properties", Map.of("a", number, "b", number), "required", List.of("a", "b")))
                .build();
    }

    private static McpSchema.CallToolResult add(Map<String, Object> arguments) {
        double sum = ((Number) arguments.get("a")).doubleValue() + ((Number) arguments.get("b")).doubleValue();
        return McpSchema.CallToolResult.builder().addTextContent(PeerArgs.number(sum)).build();
    }
}
