package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.PaginatedParams;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskRejected;
import dev.switchboard.tasks.TaskStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/*
 * The 2025-11-25 task methods of a session: tasks/get, tasks/list, tasks/cancel (which refuses a
 * task already final with -32602, and answers the cancelled Task) and tasks/result, which blocks
 * until the task is final and answers exactly what the call would have. While it waits, an
 * input_required task's requests go to the client on the tasks/result stream, each with the
 * related-task _meta, and the client's answers resume the task: that is how 2025 clients answer
 * elicitation inside a task.
 */
final class TaskSessionMethods {
    private static final int PAGE = 50;
    private static final long WAIT_SLICE_MS = 200;

    private final TaskProtocol protocol;
    private final TaskEngine engine;
    private final JsonRpcCodec codec;
    private final Duration clientTimeout;

    TaskSessionMethods(TaskProtocol protocol, TaskEngine engine, JsonRpcCodec codec, Duration clientTimeout) {
        this.protocol = protocol;
        this.engine = engine;
        this.codec = codec;
        this.clientTimeout = clientTimeout;
    }

    void handle(Session session, Decoded.Request r, Exchange exchange) {
        Thread.ofVirtual().name("task-" + r.method()).start(() -> {
            try {
                exchange.respond(codec.encodeResult(r.id(), answer(session, r, exchange)));
            } catch (McpException e) {
                protocol.fail(exchange, r, e.error());
            } catch (TaskRejected e) {
                protocol.fail(exchange, r, protocol.error(e));
            } catch (InterruptedException e) {
                protocol.fail(exchange, r, JsonRpc.Error.internal("Internal error: interrupted while waiting for the task"));
            } catch (RuntimeException e) {
                protocol.fail(exchange, r, JsonRpc.Error.internal("Internal error: " + e.getMessage()));
            }
        });
    }

    private ObjectNode answer(Session session, Decoded.Request r, Exchange exchange) throws InterruptedException {
        String owner = TaskProtocol.owner(session);
        return switch (r.method()) {
            case TaskMessages.GET -> protocol.wire.task2025(engine.get(owner, TaskProtocol.taskId(r.params(TaskMessages.TaskIdParams.class).taskId())));
            case TaskMessages.CANCEL -> {
                String id = TaskProtocol.taskId(r.params(TaskMessages.TaskIdParams.class).taskId());
                TaskRecord t = engine.get(owner, id);
                if (t.status().isFinal())
                    throw McpException.invalidParams("Cannot cancel task: already in terminal status '" + protocol.wire.task2025(t).path("status").asString() + "'");
                yield protocol.wire.task2025(engine.cancel(owner, id));
            }
            case TaskMessages.LIST -> list(owner, r.params(PaginatedParams.class).cursor());
            case TaskMessages.RESULT -> result(session, owner, TaskProtocol.taskId(r.params(TaskMessages.TaskIdParams.class).taskId()), exchange);
            default -> throw new McpException(JsonRpc.Error.methodNotFound(r.method()));
        };
    }

    private ObjectNode list(String owner, String cursor) {
        List<TaskRecord> page = engine.list(owner, cursor, PAGE + 1);
        ObjectNode result = codec.mapper().createObjectNode();
        ArrayNode tasks = result.putArray("tasks");
        page.stream().limit(PAGE).forEach(t -> tasks.add(protocol.wire.task2025(t)));
        if (page.size() > PAGE) result.put("nextCursor", page.get(PAGE - 1).id());
        return result;
    }

    private ObjectNode result(Session session, String owner, String id, Exchange exchange) throws InterruptedException {
        Set<String> forwarded = new HashSet<>();
        while (true) {
            TaskRecord t = engine.awaitFinal(owner, id, WAIT_SLICE_MS);
            switch (t.status()) {
                case COMPLETED -> {
                    return protocol.wire.result2025(t);
                }
                case FAILED -> throw new McpException(protocol.wire.error(t));
                case CANCELLED -> throw McpException.invalidParams("Task " + id + " was cancelled; it has no result");
                case INPUT_REQUIRED -> forward(session, owner, t, exchange, forwarded);
                case WORKING -> { }
            }
        }
    }

    // Each outstanding input request goes to the client once, on this tasks/result stream.
    private void forward(Session session, String owner, TaskRecord t, Exchange exchange, Set<String> forwarded) {
        if (t.inputRequestsJson() == null || t.status() != TaskStatus.INPUT_REQUIRED) return;
        for (Map.Entry<String, JsonNode> e : codec.mapper().readTree(t.inputRequestsJson()).properties()) {
            if (!forwarded.add(e.getKey())) continue;
            String method = e.getValue().path("method").asString();
            ObjectNode params = e.getValue().path("params") instanceof ObjectNode p ? p.deepCopy() : codec.mapper().createObjectNode();
            ObjectNode meta = params.get("_meta") instanceof ObjectNode m ? m : params.putObject("_meta");
            meta.putObject(TaskMessages.RELATED_TASK).put("taskId", t.id());
            String key = e.getKey();
            Thread.ofVirtual().name("task-input-" + key).start(() -> {
                try {
                    JsonNode answer = session.request(method, new Params.Raw(params), exchange::send, clientTimeout);
                    engine.answer(owner, t.id(), Map.of(key, codec.mapper().writeValueAsString(answer)));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException ex) {
                    // the client did not answer; the task stays input_required until a later tasks/result asks again
                    System.getLogger(TaskSessionMethods.class.getName()).log(System.Logger.Level.INFO,
                            "input request " + key + " of task " + t.id() + " got no answer: " + ex.getMessage());
                }
            });
        }
    }
}
