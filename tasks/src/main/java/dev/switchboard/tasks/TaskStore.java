package dev.switchboard.tasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where tasks live, durably. Shaped so a NATS JetStream store fits behind it as well as the
 * embedded default: every change is a compare-and-set on the record's {@code revision} (a KV
 * {@code update(key, value, revision)}), the live tasks whose claim lapsed are the work queue
 * that redelivers after a crash, and records carry their own TTL.
 *
 * <p>Every mutating call returns only when the change is on stable storage (fsync'd, or
 * acknowledged by a JetStream quorum). Reads may run concurrently with writes.
 */
public interface TaskStore extends AutoCloseable {

    /**
     * The embedded crash-safe store (SQLite, WAL with synchronous=FULL, one fsync per group commit) in {@code directory},
     * created when missing.
     *
     * @throws TaskStoreException naming the path when the directory is unwritable or the store file
     *                            is corrupt; never a silent empty store
     */
    static TaskStore embedded(Path directory) {
        return SqliteTaskStore.open(directory);
    }

    /**
     * Stores a new task at revision 0; durable when it returns.
     *
     * @throws IllegalArgumentException when a task with this id exists
     */
    void create(TaskRecord task);

    /** The task with this id, as last stored, whether or not its TTL has passed. */
    Optional<TaskRecord> get(String taskId);

    /**
     * Replaces the task with {@code next} if the stored revision is still {@code expectedRevision};
     * the stored copy gets revision {@code expectedRevision + 1}. Refuses to change a task already
     * in a final state.
     *
     * @return the stored record, or empty when the revision moved on, the task is final or gone
     */
    Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next);

    /** Live tasks (working or input_required) whose claim lapsed before {@code nowMs}: the work queue. */
    List<TaskRecord> claimable(long nowMs, int limit);

    /** Every live task, for the ledger at start. */
    List<TaskRecord> live();

    /** Tasks of one owner in id order, starting after {@code afterId} (null for the first page). */
    List<TaskRecord> ownedBy(String owner, String afterId, int limit);

    /** How many tasks are stored, final or not. */
    long size();

    /** Removes every task whose TTL passed before {@code nowMs}; returns the removed ones. */
    List<TaskRecord> removeExpired(long nowMs);

    @Override
    void close();
}
