package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskRejected;
import dev.switchboard.tasks.TaskStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.JsonNodeFactory;

// Why: the task engine caps live tasks per owner (a session or a principal), but one tenant has
// many owners; this counts a tenant's live tasks here, in the engine, from creation to a final
// status. Removing a task from byTask is the one place a count goes down, so it goes down once.
// Tasks this process did not create (recovered after a restart) are not counted; a task that ends
// on another node of a shared store frees its place when its tenant next reaches the cap.
final class TenantTasks {
    private final int max;
    private final TaskEngine engine;
    private final Map<String, AtomicInteger> live = new ConcurrentHashMap<>();
    /** Live counted tasks by id. */
    private final Map<String, Counted> byTask = new ConcurrentHashMap<>();

    private record Counted(String owner, String tenant) { }

    TenantTasks(int max, TaskEngine engine) {
        this.max = max;
        this.engine = engine;
        if (max > 0) engine.onStatusChange(this::statusChanged);
    }

    /**
     * Takes a place for a new task of {@code tenant}; nothing when there is no cap or no tenant.
     *
     * @throws McpException -32000 naming {@code budgets.tenantMaxTasks}, with {@code retryAfterMs}
     */
    void reserve(String tenant, long retryAfterMs) {
        if (max <= 0 || tenant == null) return;
        AtomicInteger n = live.computeIfAbsent(tenant, t -> new AtomicInteger());
        if (n.incrementAndGet() <= max) return;
        n.decrementAndGet();
        // a task that ended where this process did not hear of it (another node of a shared store) frees its place now
        byTask.forEach((id, t) -> {
            if (t.tenant().equals(tenant) && ended(id)) end(id);
        });
        if (n.incrementAndGet() <= max) return;
        n.decrementAndGet();
        throw new McpException(JsonRpc.Error.overloaded("Task budget spent: tenant '" + tenant + "' has " + max
                        + " live tasks (" + Budgets.TENANT_MAX_TASKS.name() + "); retry after " + retryAfterMs + " ms")
                .withData(JsonNodeFactory.instance.objectNode().put("retryAfterMs", retryAfterMs).put("budget", Budgets.TENANT_MAX_TASKS.name())));
    }

    /** The task the place was taken for: counted until its final status. */
    void created(String tenant, TaskRecord task) {
        if (max <= 0 || tenant == null) return;
        byTask.put(task.id(), new Counted(task.owner(), tenant));
        // it may have ended before it was put here, unseen by the listener
        if (ended(task.id())) end(task.id());
    }

    private boolean ended(String taskId) {
        Counted c = byTask.get(taskId);
        if (c == null) return false;
        try {
            return engine.get(c.owner(), taskId).status().isFinal();
        } catch (TaskRejected goneOrExpired) {
            return true;
        }
    }

    /** The place taken for a task that was then not created. */
    void cancelReservation(String tenant) {
        if (max <= 0 || tenant == null) return;
        AtomicInteger n = live.get(tenant);
        if (n != null) n.decrementAndGet();
    }

    private void statusChanged(TaskRecord task, TaskStatus previous) {
        if (task.status().isFinal()) end(task.id());
    }

    private void end(String taskId) {
        Counted c = byTask.remove(taskId);
        if (c != null) cancelReservation(c.tenant());
    }
}
