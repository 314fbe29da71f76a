package dev.switchboard.tasks;

import java.util.Objects;

/**
 * A tool the engine can run as a task.
 *
 * @param work       the code
 * @param retrySafe  true when running it again after a crash does no harm (idempotent): such a
 *                   task is re-run at restart; any other is ended failed, never run twice
 * @param notRetried the message a task of this tool that is not re-run at restart fails with,
 *                   or null for {@link TaskEngine#RESTARTED}
 */
public record TaskTool(TaskWork work, boolean retrySafe, String notRetried) {
    public TaskTool {
        Objects.requireNonNull(work, "work");
    }

    /** A tool whose tasks not re-run at restart fail with {@link TaskEngine#RESTARTED}. */
    public TaskTool(TaskWork work, boolean retrySafe) {
        this(work, retrySafe, null);
    }
}
