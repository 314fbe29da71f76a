package dev.switchboard.client;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Tools;
import tools.jackson.databind.node.ObjectNode;

/**
 * A durable task as the server last described it, read the same way in both eras: 2025-11-25's
 * {@code ttl}/{@code pollInterval} and 2026-07-28's {@code ttlMs}/{@code pollIntervalMs} both land
 * in the millisecond fields here.
 *
 * @param taskId         the task's id; null only when a 2026-07-28 server answered the call at once
 *                       instead of creating a task (then {@code status} is {@code completed} and
 *                       {@code result} holds the answer)
 * @param status         {@code working}, {@code input_required}, {@code completed}, {@code failed} or
 *                       {@code cancelled}; the last three are final
 * @param statusMessage  optional text from the server
 * @param createdAt      ISO-8601 instant, as sent
 * @param lastUpdatedAt  ISO-8601 instant, as sent
 * @param ttlMs          how long the server keeps the task after creation; null for unlimited
 * @param pollIntervalMs how often the server suggests polling; null when it did not say
 * @param result         the tool's result, when a 2026-07-28 {@code tasks/get} inlined it (completed)
 * @param error          the JSON-RPC error, when a 2026-07-28 {@code tasks/get} inlined it (failed)
 * @param inputRequests  key → input request, when a 2026-07-28 {@code tasks/get} inlined them (input_required)
 */
public record TaskHandle(String taskId, String status, String statusMessage, String createdAt, String lastUpdatedAt,
                         Long ttlMs, Long pollIntervalMs, Tools.CallToolResult result, JsonRpc.Error error,
                         ObjectNode inputRequests) {

    /** True once the task is {@code completed}, {@code failed} or {@code cancelled}: it never changes again. */
    public boolean isFinal() {
        return "completed".equals(status) || "failed".equals(status) || "cancelled".equals(status);
    }
}
