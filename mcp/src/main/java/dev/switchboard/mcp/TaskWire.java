package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/*
 * The task shapes on the wire, one method per shape and era (docs/tasks.md sections 2 and 3 list
 * them with their sources). 2025-11-25 nests the task in CreateTaskResult and names the durations
 * ttl/pollInterval; 2026-07-28 is flat with resultType and ttlMs/pollIntervalMs, and inlines the
 * result, error or inputRequests in tasks/get.
 */
final class TaskWire {
    private final JsonMapper mapper;

    TaskWire(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** 2025-11-25 {@code Task}; a tool result with isError makes the task {@code failed} in this era. */
    ObjectNode task2025(TaskRecord r) {
        ObjectNode t = mapper.createObjectNode();
        t.put("taskId", r.id());
        t.put("status", status2025(r));
        if (r.statusMessage() != null) t.put("statusMessage", r.statusMessage());
        t.put("createdAt", Instant.ofEpochMilli(r.createdAtMs()).toString());
        t.put("lastUpdatedAt", Instant.ofEpochMilli(r.updatedAtMs()).toString());
        if (r.ttlMs() == null) t.putNull("ttl");
        else t.put("ttl", r.ttlMs());
        t.put("pollInterval", r.pollIntervalMs());
        return t;
    }

    private String status2025(TaskRecord r) {
        if (r.status() == TaskStatus.COMPLETED && r.resultJson() != null && mapper.readTree(r.resultJson()).path("isError").asBoolean(false)) {
            return TaskStatus.FAILED.wire();
        }
        return r.status().wire();
    }

    /** 2025-11-25 {@code CreateTaskResult}: {@code {task: {...}}}. */
    ObjectNode create2025(TaskRecord r) {
        ObjectNode result = mapper.createObjectNode();
        result.set("task", task2025(r));
        return result;
    }

    /** 2025-11-25 {@code tasks/result} of a completed task: the call's result with related-task {@code _meta}. */
    ObjectNode result2025(TaskRecord r) {
        ObjectNode result = (ObjectNode) mapper.readTree(r.resultJson());
        ObjectNode meta = result.get("_meta") instanceof ObjectNode m ? m : result.putObject("_meta");
        meta.putObject(TaskMessages.RELATED_TASK).put("taskId", r.id());
        return result;
    }

    /** The JSON-RPC error a failed task ended with. */
    JsonRpc.Error error(TaskRecord r) {
        JsonNode e = mapper.readTree(r.errorJson());
        JsonRpc.Error error = JsonRpc.Error.of(e.path("code").asInt(JsonRpc.INTERNAL_ERROR), e.path("message").asString("task failed"));
        return e.has("data") ? error.withData(e.get("data")) : error;
    }

    /** 2026-07-28 {@code Task} fields. */
    ObjectNode task2026(TaskRecord r) {
        ObjectNode t = mapper.createObjectNode();
        t.put("taskId", r.id());
        t.put("status", r.status().wire());
        if (r.statusMessage() != null) t.put("statusMessage", r.statusMessage());
        t.put("createdAt", Instant.ofEpochMilli(r.createdAtMs()).toString());
        t.put("lastUpdatedAt", Instant.ofEpochMilli(r.updatedAtMs()).toString());
        if (r.ttlMs() == null) t.putNull("ttlMs");
        else t.put("ttlMs", r.ttlMs());
        t.put("pollIntervalMs", r.pollIntervalMs());
        return t;
    }

    /** 2026-07-28 {@code CreateTaskResult}: flat, {@code resultType:"task"}, no payload. */
    ObjectNode create2026(TaskRecord r) {
        ObjectNode t = task2026(r);
        t.put("resultType", "task");
        return t;
    }

    /** 2026-07-28 {@code tasks/get}: the DetailedTask with its status's payload inlined. */
    ObjectNode detailed2026(TaskRecord r) {
        ObjectNode t = task2026(r);
        t.put("resultType", "complete");
        switch (r.status()) {
            case COMPLETED -> t.set("result", mapper.readTree(r.resultJson()));
            case FAILED -> t.set("error", mapper.readTree(r.errorJson()));
            case INPUT_REQUIRED -> t.set("inputRequests", r.inputRequestsJson() == null ? mapper.createObjectNode()
                    : mapper.readTree(r.inputRequestsJson()));
            default -> { }
        }
        return t;
    }

    /** 2026-07-28 {@code notifications/tasks} params: the DetailedTask, as tasks/get would answer it, without resultType. */
    ObjectNode notification2026(TaskRecord r) {
        ObjectNode t = detailed2026(r);
        t.remove("resultType");
        return t;
    }

    /** 2026-07-28 acknowledgement of {@code tasks/update} and {@code tasks/cancel}. */
    ObjectNode ack2026() {
        return mapper.createObjectNode().put("resultType", "complete");
    }
}
