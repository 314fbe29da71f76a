package dev.switchboard.tasks;

import java.util.Objects;

/**
 * One task as the store keeps it. Results, errors, arguments and pending input requests are
 * opaque JSON text: the store and the engine never interpret them, so a store needs no protocol
 * types (the cluster's JetStream store keeps the same record as a KV value).
 *
 * @param id                 128 random bits, base64url (see {@link TaskIds})
 * @param owner              who may see it: {@code session:<id>}, {@code principal:<name>}, or
 *                           {@code ""} when neither exists (then the id alone is the capability)
 * @param tool               the tool whose call this task runs
 * @param argumentsJson      the call's arguments, JSON text ({@code {}} when none)
 * @param status             the current state
 * @param statusMessage      a human-readable note on the state, or null
 * @param createdAtMs        creation time, epoch milliseconds
 * @param updatedAtMs        last change, epoch milliseconds
 * @param ttlMs              retention from creation in ms, or null for unlimited
 * @param pollIntervalMs     suggested polling interval in ms
 * @param resultJson         the tool's result when completed, else null
 * @param errorJson          the JSON-RPC error object when failed, else null
 * @param inputRequestsJson  the outstanding input requests (a JSON object) when input_required, else null
 * @param retrySafe          true when the tool may run again after a crash (idempotent)
 * @param claimedBy          the worker (node) running it, or null when no one holds it
 * @param claimUntilMs       when the claim lapses and the task is redelivered
 * @param attempts           how many times a worker started it
 * @param revision           bumped by every stored change; the compare-and-set key
 */
public record TaskRecord(
        String id, String owner, String tool, String argumentsJson,
        TaskStatus status, String statusMessage,
        long createdAtMs, long updatedAtMs, Long ttlMs, long pollIntervalMs,
        String resultJson, String errorJson, String inputRequestsJson,
        boolean retrySafe, String claimedBy, long claimUntilMs, int attempts, long revision) {

    public TaskRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(status, "status");
        if (argumentsJson == null) argumentsJson = "{}";
    }

    /** A new {@code working} task at revision 0, claimed by no one. */
    public static TaskRecord created(String id, String owner, String tool, String argumentsJson,
                                     long nowMs, Long ttlMs, long pollIntervalMs, boolean retrySafe) {
        return new TaskRecord(id, owner, tool, argumentsJson, TaskStatus.WORKING, null, nowMs, nowMs,
                ttlMs, pollIntervalMs, null, null, null, retrySafe, null, 0, 0, 0);
    }

    /** When the task may be discarded (creation + TTL), or {@link Long#MAX_VALUE} when unlimited. */
    public long expiresAtMs() {
        return ttlMs == null ? Long.MAX_VALUE : createdAtMs + ttlMs;
    }

    public boolean isExpired(long nowMs) {
        return nowMs >= expiresAtMs();
    }

    /** The same task in another state; clears the payloads that belong to the old one. */
    public TaskRecord withStatus(TaskStatus next, String message, long nowMs) {
        return new TaskRecord(id, owner, tool, argumentsJson, next, message, createdAtMs, nowMs, ttlMs,
                pollIntervalMs, null, null, null, retrySafe, next.isFinal() ? null : claimedBy,
                next.isFinal() ? 0 : claimUntilMs, attempts, revision);
    }

    public TaskRecord completed(String result, long nowMs) {
        return new TaskRecord(id, owner, tool, argumentsJson, TaskStatus.COMPLETED, null, createdAtMs, nowMs, ttlMs,
                pollIntervalMs, result, null, null, retrySafe, null, 0, attempts, revision);
    }

    public TaskRecord failed(String error, String message, long nowMs) {
        return new TaskRecord(id, owner, tool, argumentsJson, TaskStatus.FAILED, message, createdAtMs, nowMs,
                ttlMs, pollIntervalMs, null, error, null, retrySafe, null, 0, attempts, revision);
    }

    public TaskRecord inputRequired(String inputRequests, long nowMs) {
        return new TaskRecord(id, owner, tool, argumentsJson, TaskStatus.INPUT_REQUIRED, statusMessage,
                createdAtMs, nowMs, ttlMs, pollIntervalMs, null, null, inputRequests, retrySafe, claimedBy,
                claimUntilMs, attempts, revision);
    }

    /** Claimed by {@code worker} until {@code untilMs}; counts one more attempt. */
    public TaskRecord claimed(String worker, long untilMs, long nowMs) {
        return new TaskRecord(id, owner, tool, argumentsJson, status, statusMessage, createdAtMs, nowMs, ttlMs,
                pollIntervalMs, resultJson, errorJson, inputRequestsJson, retrySafe, worker, untilMs,
                attempts + 1, revision);
    }

    /** The same claim held longer (a lease renewal); not a new attempt. */
    public TaskRecord renewed(long untilMs, long nowMs) {
        return new TaskRecord(id, owner, tool, argumentsJson, status, statusMessage, createdAtMs, nowMs, ttlMs,
                pollIntervalMs, resultJson, errorJson, inputRequestsJson, retrySafe, claimedBy, untilMs,
                attempts, revision);
    }

    /** The same record at another revision (a store sets it; engines never need to). */
    public TaskRecord atRevision(long r) {
        return new TaskRecord(id, owner, tool, argumentsJson, status, statusMessage, createdAtMs, updatedAtMs,
                ttlMs, pollIntervalMs, resultJson, errorJson, inputRequestsJson, retrySafe, claimedBy,
                claimUntilMs, attempts, r);
    }
}
