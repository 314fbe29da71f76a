package dev.switchboard.tasks;

import java.util.Map;

/** What running {@link TaskWork} sees of its task. */
public interface TaskRun {
    /** The task id. */
    String taskId();

    /** The tool's arguments, JSON text. */
    String argumentsJson();

    /** True once the task was cancelled; the work should stop. */
    boolean isCancelled();

    /** 1 on the first run, 2 and up when a retry-safe task is re-run after a restart. */
    int attempt();

    /** Sets the task's human-readable status message (stored, shown by {@code tasks/get}). */
    void statusMessage(String message);

    /**
     * Asks the client for input: the task turns {@code input_required} with these requests
     * (key → request JSON, e.g. an {@code elicitation/create}) outstanding beside any others,
     * and this call blocks until every one of them is answered; returns key → response JSON.
     * Keys must be new over the task's life.
     *
     * @throws InterruptedException when the task is cancelled or expires while waiting
     */
    Map<String, String> requestInput(Map<String, String> requests) throws InterruptedException;
}
