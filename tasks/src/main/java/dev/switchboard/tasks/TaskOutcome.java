package dev.switchboard.tasks;

import java.lang.System.Logger.Level;
import java.util.function.Function;
import java.util.function.LongSupplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/*
 * Runs a task's work and turns what it did into the final change to store. Kept apart from
 * storing it: a store that fails while the outcome is written (a cluster briefly away) is not the
 * work failing, and must not turn a completed task into a failed one.
 */
final class TaskOutcome {
    private static final System.Logger LOG = System.getLogger(TaskEngine.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TaskOutcome() {
    }

    /** The final change for the work's outcome, or null when it was cancelled (nothing to store). */
    static Function<TaskRecord, TaskRecord> of(RunningTask run, TaskTool tool, LongSupplier clock) {
        try {
            String result = tool.work().run(run);
            run.finishing();
            return r -> r.completed(result == null ? "{}" : result, clock.getAsLong());
        } catch (TaskFailure f) {
            run.finishing();
            return r -> r.failed(errorJson(f.code(), f.getMessage(), f.dataJson()), f.getMessage(), clock.getAsLong());
        } catch (InterruptedException e) {
            run.finishing();
            if (run.isCancelled()) return null;
            return r -> r.failed(errorJson(-32603, "interrupted", null), "interrupted", clock.getAsLong());
        } catch (Exception | Error e) {
            run.finishing();
            LOG.log(Level.WARNING, "task " + run.taskId() + " failed", e);
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return r -> r.failed(errorJson(-32603, message, null), message, clock.getAsLong());
        }
    }

    /** JSON text of a JSON-RPC error object. */
    static String errorJson(int code, String message, String dataJson) {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        if (dataJson != null) e.set("data", JSON.readTree(dataJson));
        return JSON.writeValueAsString(e);
    }
}
