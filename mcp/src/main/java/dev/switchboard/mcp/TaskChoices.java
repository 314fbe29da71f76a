package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskStore;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/*
 * What an McpServer.Builder was told about tasks: the store to open and its limits, whether tasks
 * are recovered at build or later, and the synchronous starts of task tools. Kept together
 * because the server opens the store only when some tool can run as a task.
 */
final class TaskChoices {
    Supplier<TaskStore> store;
    TaskLimits limits;
    boolean recoverLater;
    final Map<String, BeforeTask> beforeTask = new HashMap<>();

    /** The definition of a tool that runs as a durable task ({@code taskSupport} "optional" or "required"). */
    static Tools.Tool toolDefinition(String name, String description, ObjectNode inputSchema, String taskSupport, boolean retrySafe) {
        if (!taskSupport.equals("optional") && !taskSupport.equals("required"))
            throw new IllegalArgumentException("taskSupport must be 'optional' or 'required', was '" + taskSupport + "'");
        return new Tools.Tool(name, null, description, inputSchema, null,
                new Tools.ToolAnnotations(null, null, null, retrySafe ? Boolean.TRUE : null, null), new Tools.ToolExecution(taskSupport), null, null);
    }

    /** MCP Tasks on the opened store, or null when no store was given or no tool can run as a task. */
    TaskProtocol open(Registry registry, JsonRpcCodec codec, McpSettings settings, Budgets budgets) {
        // the store opens only when some tool can run as a task: a server without task tools touches no disk
        return store != null && (recoverLater || registry.tools().stream().anyMatch(t -> !TaskProtocol.support(t).equals("forbidden")))
                ? new TaskProtocol(store.get(), limits, registry, codec, settings, beforeTask, budgets, !recoverLater) : null;
    }
}
