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
     * the stored copy gets a higher revision ({@code expectedRevision + 1} in the embedded store, the
     * key's new sequence in a JetStream KV bucket). Refuses to change a task already
     * in a final state.
     *
     * @return the stored record, or empty when the revision moved on, the task is final or gone
     */
    Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next);

    /**
     * Live tasks (working or input_required) whose claim lapsed before {@code nowMs}: the work queue.
     * A store shared by several processes ({@link #claimLeaseMs()} above 0) may wait briefly for
     * work to arrive, and hands each task to one caller at a time.
     */
    List<TaskRecord> claimable(long nowMs, int limit);

    /**
     * How long a claim lasts unless renewed, in ms. 0 (the default) means the store belongs to one
     * process: claims never lapse and {@link TaskEngine#recover()} re-runs what a crash left at the
     * next start. Above 0 the store is shared (a cluster): the engine takes its work from
     * {@link #claimable}, renews the claims of the tasks it runs well within the lease, and a task
     * whose claim lapsed (its node died) is taken over by another engine.
     */
    default long claimLeaseMs() {
        return 0;
    }

    /**
     * Gives back a task {@link #claimable} handed out that this node cannot run (its tool is not
     * served here), unclaimed, for another node to take after {@code delayMs}. Returns whether it
     * was given back; a store private to one process has no other node and gives nothing back (the
     * default), and the engine then ends the task.
     */
    default boolean handBack(String taskId, long delayMs) {
        return false;
    }

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
