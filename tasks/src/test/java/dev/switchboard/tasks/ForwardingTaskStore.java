package dev.switchboard.tasks;

import java.util.List;
import java.util.Optional;

/**
 * A {@link TaskStore} that forwards every call to another one: the base of the test stores that
 * fail, crash or report on a few calls and pass the rest through. Subclasses override only the
 * calls they change. Published in this module's test-jar for the cluster and agents tests.
 */
public abstract class ForwardingTaskStore implements TaskStore {
    private final TaskStore delegate;

    protected ForwardingTaskStore(TaskStore delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    /** The store every call goes to. */
    protected final TaskStore delegate() {
        return delegate;
    }

    @Override
    public void create(TaskRecord task) {
        delegate.create(task);
    }

    @Override
    public Optional<TaskRecord> get(String taskId) {
        return delegate.get(taskId);
    }

    @Override
    public Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next) {
        return delegate.compareAndSet(expectedRevision, next);
    }

    @Override
    public List<TaskRecord> claimable(long nowMs, int limit) {
        return delegate.claimable(nowMs, limit);
    }

    @Override
    public long claimLeaseMs() {
        return delegate.claimLeaseMs();
    }

    @Override
    public boolean handBack(String taskId, long delayMs) {
        return delegate.handBack(taskId, delayMs);
    }

    @Override
    public List<TaskRecord> live() {
        return delegate.live();
    }

    @Override
    public List<TaskRecord> ownedBy(String owner, String afterId, int limit) {
        return delegate.ownedBy(owner, afterId, limit);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public List<TaskRecord> removeExpired(long nowMs) {
        return delegate.removeExpired(nowMs);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
