package dev.switchboard.tasks;

/**
 * What a task runs: plain blocking code on a virtual thread. It returns the result as JSON text
 * (the task ends {@code completed}), throws {@link TaskFailure} to end {@code failed} with a
 * JSON-RPC error, and should stop soon after {@link TaskRun#isCancelled()} turns true (its
 * thread is also interrupted). Any other exception ends the task {@code failed} with -32603.
 */
@FunctionalInterface
public interface TaskWork {
    String run(TaskRun run) throws Exception;
}
