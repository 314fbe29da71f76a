package dev.switchboard.tasks;

import java.util.Objects;

/**
 * A tool the engine can run as a task.
 *
 * @param work       the code
 * @param retrySafe  true when running it again after a crash does no harm (idempotent): such a
 *                   task is re-run at restart; any other is ended failed, never run twice
 * @param notRetried why a live task of this tool is not run again when its server restarted or
 *                   its node stopped, or null: its failure message is then {@link TaskEngine#RESTARTED}
 *                   or {@link TaskEngine#NODE_LOST} alone, else that situation, "; " and this reason
 */
public record TaskTool(TaskWork work, boolean retrySafe, String notRetried) {
    public TaskTool {
        Objects.requireNonNull(work, "work");
    }

    /** The failure message of a live task of this tool not run again after {@code situation}. */
    String notRetried(String situation) {
        return notRetried == null ? situation : situation + "; " + notRetried;
    }

    /** A tool whose tasks not re-run fail with {@link TaskEngine#RESTARTED} or {@link TaskEngine#NODE_LOST} alone. */
    public TaskTool(TaskWork work, boolean retrySafe) {
        this(work, retrySafe, null);
    }
}
