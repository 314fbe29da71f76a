package dev.switchboard.load;

import dev.switchboard.examples.DemoServer;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.StdioTransport;

/** The demo server on stdio, as a process for {@link StdioLoadTest} (what {@code ./sb serve --stdio} runs). */
public final class StdioDemo {
    private StdioDemo() {}

    public static void main(String[] args) throws Exception {
        try (McpServer server = DemoServer.create()) {
            new StdioTransport(server.sessionHost(), server.codec(), System.in, System.out, 4 * 1024 * 1024).run();
        }
    }
}
