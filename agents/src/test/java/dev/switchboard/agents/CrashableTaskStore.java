package dev.switchboard.agents;

import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.util.List;
import java.util.Optional;

/** A task store that, once crashed, refuses every write as a killed process would make none: what a restart must then recover. */
final class CrashableTaskStore implements TaskStore {
    private final TaskStore store;
    private volatile boolean crashed;

    CrashableTaskStore(TaskStore store) {
        this.store = store;
    }

    void crash() {
        crashed = true;
    }

    private void alive() {
        if (crashed) throw new IllegalStateException("the process crashed: nothing more is stored");
    }

    @Override
    public void create(TaskRecord task) {
        alive();
        store.create(task);
    }

    @Override
    public Optional<TaskRecord> get(String taskId) {
        return store.get(taskId);
    }

    @Override
    public Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next) {
        alive();
        return store.compareAndSet(expectedRevision, next);
    }

    @Override
    public List<TaskRecord> claimable(long nowMs, int limit) {
        return store.claimable(nowMs, limit);
    }

    @Override
    public List<TaskRecord> live() {
        return store.live();
    }

    @Override
    public List<TaskRecord> ownedBy(String owner, String afterId, int limit) {
        return store.ownedBy(owner, afterId, limit);
    }

    @Override
    public long size() {
        return store.size();
    }

    @Override
    public List<TaskRecord> removeExpired(long nowMs) {
        alive();
        return store.removeExpired(nowMs);
    }

    @Override
    public void close() {
        store.close();
    }
}
