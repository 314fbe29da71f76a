package dev.switchboard.tasks;

/**
 * Told when a stored task changes status ({@code working → input_required → working}, or to one of
 * the final states), after the change is durable. Updates that keep the status (a new status
 * message, another open input request while already {@code input_required}) are not reported.
 *
 * <p>Called on the thread that made the change (the task's own thread, or the one answering
 * {@code tasks/cancel}); keep it short and do not block. An exception it throws is logged and
 * does not undo the change.
 */
@FunctionalInterface
public interface TaskStatusListener {
    /**
     * @param task     the task as stored after the change
     * @param previous the status it had before
     */
    void statusChanged(TaskRecord task, TaskStatus previous);
}
