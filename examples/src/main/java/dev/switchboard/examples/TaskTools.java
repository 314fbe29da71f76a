package dev.switchboard.examples;

import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.InputRequest;
import dev.switchboard.mcp.InputResponses;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixture tools the suite's {@code tasks-*} scenarios call (docs/tasks.md section 4). Each is
 * ordinary blocking code; declaring {@code execution.taskSupport} is what makes the server run it
 * as a durable task, and {@code idempotentHint} is what lets a restart re-run it.
 */
final class TaskTools {
    private TaskTools() {}

    static void tools(McpServer.Builder b) {
        b.tool(Tools.Tool.of("greet", "Greets a person by name; always answers at once", Schemas.requiredStrings("name", "Who to greet")),
                (a, c) -> "Hello, " + a.path("name").asString("stranger") + "!");
        b.tool(task("slow_compute", "Sleeps the given seconds, then answers; cancellable; safe to re-run", slowComputeSchema(), "optional", true),
                TaskTools::slowCompute);
        b.tool(task("failing_job", "Runs about a second, then reports a tool error (isError); runs only as a task", Schemas.object(), "required", false),
                (a, c) -> {
                    pause(1000, c);
                    return Tools.CallToolResult.error("failing_job failed on purpose");
                });
        b.tool(task("protocol_error_job", "Fails with a JSON-RPC error (-32603), so its task ends failed", Schemas.object(), "optional", false),
                (a, c) -> {
                    throw new McpException(-32603, "protocol_error_job failed with a protocol error on purpose");
                });
        b.tool(task("confirm_delete", "Asks the user to confirm deleting a file, then answers", Schemas.requiredStrings("filename", "The file"),
                "optional", false), TaskTools::confirmDelete);
        b.tool(task("multi_input", "Asks two questions at once (keys name and confirm), then answers", Schemas.object(), "optional", false),
                TaskTools::multiInput);
        b.tool(task("test_tool_with_task", "Asks for a name by MRTR (key user_name), then finishes as a task", Schemas.object(),
                "required", true), (a, c) -> {
                    pause(300, c);
                    return "Task finished for " + a.path("user_name").asString("(nobody)");
                });
        b.beforeTask("test_tool_with_task", (a, c) -> {
            Elicitation.ElicitResult r = c.ask(Map.of("user_name", InputRequest.elicit("What is your name?",
                    Schemas.requiredStrings("name", "Your name")))).elicitation("user_name");
            String name = r.content() == null ? "(" + r.action().wireName() + ")" : r.content().path("name").asString("(none)");
            return JsonNodeFactory.instance.objectNode().put("user_name", name);
        });
    }

    private static Tools.Tool task(String name, String description, ObjectNode schema, String support, boolean retrySafe) {
        var hints = new Tools.ToolAnnotations(null, null, null, retrySafe ? Boolean.TRUE : null, null);
        return new Tools.Tool(name, null, description, schema, null, hints, new Tools.ToolExecution(support), null, null);
    }

    private static ObjectNode slowComputeSchema() {
        ObjectNode s = Schemas.object();
        ObjectNode props = (ObjectNode) s.get("properties");
        props.putObject("seconds").put("type", "number").put("minimum", 0).put("description", "How long to compute");
        props.putObject("label").put("type", "string").put("description", "A label echoed in the answer");
        s.putArray("required").add("seconds");
        return s;
    }

    private static Object slowCompute(ObjectNode a, Context c) throws InterruptedException {
        double seconds = a.path("seconds").asDouble(0);
        pause((long) (seconds * 1000), c);
        return "Computed " + a.path("label").asString("result") + " in " + seconds + " s";
    }

    // Sleeps in slices so a cancelled task stops within a slice even if no one interrupts it.
    private static void pause(long millis, Context c) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (c.cancelled()) throw new InterruptedException("cancelled");
            Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    private static Object confirmDelete(ObjectNode a, Context c) {
        String file = a.path("filename").asString("(unnamed)");
        Elicitation.ElicitResult r = c.ask(Map.of("confirm_delete", InputRequest.elicit("Delete " + file + "?", confirmSchema())))
                .elicitation("confirm_delete");
        boolean yes = r.content() != null && r.content().path("confirm").asBoolean(false);
        return yes ? "Deleted " + file : "Kept " + file + " (" + r.action().wireName() + ")";
    }

    private static Object multiInput(ObjectNode a, Context c) {
        Map<String, InputRequest> asks = new LinkedHashMap<>();
        asks.put("name", InputRequest.elicit("What is your name?", Schemas.requiredStrings("name", "Your name")));
        asks.put("confirm", InputRequest.elicit("Shall we go on?", confirmSchema()));
        InputResponses in = c.ask(asks);
        return "Answered " + in.keys().stream().sorted().toList();
    }

    private static ObjectNode confirmSchema() {
        ObjectNode s = Schemas.object();
        ((ObjectNode) s.get("properties")).putObject("confirm").put("type", "boolean").put("description", "Yes or no");
        s.putArray("required").add("confirm");
        return s;
    }
}
