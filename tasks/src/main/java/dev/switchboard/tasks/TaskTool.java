package dev.switchboard.tasks;

import java.util.Objects;

/**
 * A tool the engine can run as a task.
 *
 * @param work       the code
 * @param retrySafe  true when running it again after a crash does no harm (idempotent): such a
 *                   task is re-run at restart; any other is ended failed, never run twice
 */
public record TaskTool(TaskWork work, boolean retrySafe) {
    public TaskTool {
        Objects.requireNonNull(work, "work");
    }
}
