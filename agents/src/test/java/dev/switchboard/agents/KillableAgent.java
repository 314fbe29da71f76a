package dev.switchboard.agents;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.StdioTransport;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small agent run as its own process over stdio, for {@link KillUnderLoadTest}: {@code lookup} is read-only (safe to
 * repeat on another member), {@code append} has no hints (not safe). Both take long enough (150 ms) that a member
 * killed at random is nearly always in the middle of some calls.
 */
public final class KillableAgent {
    static final long WORK_MS = 150;

    private KillableAgent() {}

    public static void main(String[] args) throws Exception {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        Tools.Tool lookup = Tools.Tool.of("lookup", "Reads a key (read-only)", schema).withAnnotations(Tools.ToolAnnotations.readOnly());
        Tools.Tool append = Tools.Tool.of("append", "Appends to a log (not safe to repeat)", schema);
        try (McpServer server = McpServer.builder("killable", "1.0")
                .tool(lookup, Map.class, (a, c) -> work("found " + a.get("key")))
                .tool(append, Map.class, (a, c) -> work("appended " + a.get("key")))
                .build()) {
            new StdioTransport(server.sessionHost(), server.codec(), System.in, System.out).run();
        }
    }

    private static String work(String answer) throws InterruptedException {
        Thread.sleep(WORK_MS);
        return answer;
    }
}
