package dev.switchboard.client;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.mcp.protocol.Tools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP Tasks from the client side, in the era the {@link McpClient} speaks (see docs/tasks.md):
 * 2025-11-25 sends {@code params.task} on {@code tools/call} and uses {@code tasks/get},
 * {@code tasks/result}, {@code tasks/cancel} and {@code tasks/list}; 2026-07-28 declares the
 * {@code io.modelcontextprotocol/tasks} extension in each task request's {@code _meta} client
 * capabilities, reads {@code resultType:"task"}, and polls {@code tasks/get}, which inlines the
 * result, the error or the input requests. Reached by {@link McpClient#tasks()}.
 *
 * <pre>{@code
 * TaskHandle task = client.tasks().callToolAsTask("report", Map.of("year", 2026));
 * Tools.CallToolResult result = client.tasks().awaitTaskResult(task.taskId());
 * }</pre>
 *
 * <p>A task's input requests (elicitation, sampling, roots) are answered by the client's handlers:
 * in 2025-11-25 the server sends them on the {@code tasks/result} stream, in 2026-07-28
 * {@link #awaitTaskResult} answers them with {@code tasks/update} while it polls.
 */
public final class ClientTasks {
    /** Polling never faster than this, whatever the server suggests. */
    private static final long MIN_POLL_MS = 20;

    private final McpClient client;
    /** The stateless era's calls, or null in the session era. */
    private final StatelessCalls stateless;
    private final JsonRpcCodec codec;
    private final Duration timeout;

    ClientTasks(McpClient client, StatelessCalls stateless, JsonRpcCodec codec, Duration timeout) {
        this.client = client;
        this.stateless = stateless;
        this.codec = codec;
        this.timeout = timeout;
    }

    /** Calls a tool as a task with the server's default time-to-live. */
    public TaskHandle callToolAsTask(String name, Map<String, ?> arguments) {
        return callToolAsTask(name, arguments, null);
    }

    /**
     * Calls a tool as a task. In 2025-11-25 the request carries {@code params.task} with
     * {@code ttl} (null: the server's default; the server may lower it). 2026-07-28 has no way to
     * ask for a time-to-live, so {@code ttl} is not sent; that server may also answer a fast call
     * at once, which comes back as a handle without id, {@code completed}, with its {@code result}.
     *
     * @throws McpException the server's error, e.g. -32601 for a tool that cannot run as a task
     *     (2025-11-25) or -32021 when the server does not offer the extension (2026-07-28)
     */
    public TaskHandle callToolAsTask(String name, Map<String, ?> arguments, Duration ttl) {
        ObjectNode args = arguments == null ? null : codec.mapper().valueToTree(arguments);
        if (stateless != null) {
            JsonNode r = stateless.withTasks(McpMethods.TOOLS_CALL, new Tools.CallToolParams(name, args, null, null, null, null));
            if ("task".equals(r.path("resultType").asString(null))) return handle(r);
            return new TaskHandle(null, "completed", null, null, null, null, null, codec.convert(r, Tools.CallToolResult.class), null, null);
        }
        ObjectNode task = codec.mapper().createObjectNode();
        if (ttl != null) task.put("ttl", ttl.toMillis());
        JsonNode r = client.request(McpMethods.TOOLS_CALL, new Tools.CallToolParams(name, args, task, null, null, null), JsonNode.class);
        if (!r.path("task").isObject())
            throw new McpClientException(McpClientException.Reason.PROTOCOL, "tools/call of '" + name + "' as a task was answered without a task: " + r);
        return handle(r.get("task"));
    }

    /** The task as the server knows it now ({@code tasks/get}); in 2026-07-28 with its result, error or input requests. */
    public TaskHandle getTask(String taskId) {
        return handle(call(TaskMessages.GET, taskId));
    }

    /**
     * Waits until the task is final and returns what {@code tools/call} would have answered; a
     * tool error ({@code isError}) is returned, not thrown, in both eras. 2025-11-25 blocks on
     * {@code tasks/result}; 2026-07-28 polls {@code tasks/get} at the server's
     * {@code pollIntervalMs}, answering input requests with {@code tasks/update}. Either way it
     * waits at most the client's request timeout.
     *
     * @throws McpException the JSON-RPC error a failed task ended with, or -32602 for a cancelled
     *     task (the server's in 2025-11-25; made here in 2026-07-28, where tasks/get reports it)
     * @throws McpClientException {@link McpClientException.Reason#TIMEOUT} when the task is not
     *     final within the request timeout (2026-07-28; 2025-11-25 times out like any request)
     */
    public Tools.CallToolResult awaitTaskResult(String taskId) {
        if (stateless == null) return codec.convert(call(TaskMessages.RESULT, taskId), Tools.CallToolResult.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> answered = new HashSet<>();
        while (true) {
            TaskHandle t = getTask(taskId);
            switch (t.status()) {
                case "completed" -> {
                    return t.result();
                }
                case "failed" -> throw new McpException(t.error() != null ? t.error() : JsonRpc.Error.of(JsonRpc.INTERNAL_ERROR, "task " + taskId + " failed"));
                case "cancelled" -> throw new McpException(JsonRpc.Error.invalidParams("Task " + taskId + " was cancelled; it has no result"));
                case "input_required" -> answer(t, answered);
                default -> { }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0)
                throw new McpClientException(McpClientException.Reason.TIMEOUT, "task " + taskId + " is still " + t.status() + " after " + timeout);
            long poll = Math.max(MIN_POLL_MS, t.pollIntervalMs() == null ? 1000 : t.pollIntervalMs());
            try {
                Thread.sleep(Math.min(poll, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new McpClientException(McpClientException.Reason.CLOSED, "waiting for task " + taskId + " was interrupted", e);
            }
        }
    }

    /**
     * Asks the server to cancel the task ({@code tasks/cancel}); it is {@code cancelled} once this
     * returns. 2025-11-25 refuses a task already final with -32602; 2026-07-28 accepts that too.
     */
    public void cancelTask(String taskId) {
        call(TaskMessages.CANCEL, taskId);
    }

    /**
     * Every task of this session ({@code tasks/list}, following {@code nextCursor}).
     *
     * @throws IllegalStateException in 2026-07-28, which has no {@code tasks/list}
     */
    public List<TaskHandle> listTasks() {
        if (stateless != null) throw new IllegalStateException("tasks/list does not exist in protocol version " + StatelessEra.VERSION);
        List<TaskHandle> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            ObjectNode p = codec.mapper().createObjectNode();
            if (cursor != null) p.put("cursor", cursor);
            JsonNode page = client.request(TaskMessages.LIST, new Params.Raw(p), JsonNode.class);
            for (JsonNode t : page.path("tasks")) all.add(handle(t));
            cursor = page.path("nextCursor").asString(null);
            if (cursor != null && !seen.add(cursor))
                throw new McpClientException(McpClientException.Reason.PROTOCOL, "tasks/list returned the cursor '" + cursor + "' twice; stopping rather than looping");
        } while (cursor != null);
        return List.copyOf(all);
    }

    private JsonNode call(String method, String taskId) {
        Params params = new TaskMessages.TaskIdParams(codec.mapper().getNodeFactory().stringNode(taskId), null);
        return stateless != null ? stateless.withTasks(method, params) : client.request(method, params, JsonNode.class);
    }

    // 2026-07-28: answers the requests not answered yet (keys are unique over the task's life).
    private void answer(TaskHandle t, Set<String> answered) {
        if (t.inputRequests() == null) return;
        ObjectNode pending = codec.mapper().createObjectNode();
        for (Map.Entry<String, JsonNode> e : t.inputRequests().properties()) {
            if (answered.add(e.getKey())) pending.set(e.getKey(), e.getValue());
        }
        if (pending.isEmpty()) return;
        JsonNode id = codec.mapper().getNodeFactory().stringNode(t.taskId());
        stateless.withTasks(TaskMessages.UPDATE, new TaskMessages.UpdateParams(id, stateless.answer(pending), null));
    }

    private TaskHandle handle(JsonNode t) {
        String id = t.path("taskId").asString(null);
        String status = t.path("status").asString(null);
        if (id == null || status == null)
            throw new McpClientException(McpClientException.Reason.PROTOCOL, "the server described a task without taskId or status: " + t);
        return new TaskHandle(id, status, t.path("statusMessage").asString(null), t.path("createdAt").asString(null),
                t.path("lastUpdatedAt").asString(null), millis(t, "ttlMs", "ttl"), millis(t, "pollIntervalMs", "pollInterval"),
                t.path("result").isObject() ? codec.convert(t.get("result"), Tools.CallToolResult.class) : null,
                t.path("error").isObject() ? codec.convert(t.get("error"), JsonRpc.Error.class) : null,
                t.get("inputRequests") instanceof ObjectNode in ? in : null);
    }

    private static Long millis(JsonNode t, String name2026, String name2025) {
        JsonNode v = t.has(name2026) ? t.get(name2026) : t.path(name2025);
        return v.isNumber() ? v.asLong() : null;
    }
}
