package dev.switchboard.agents;

import dev.switchboard.tasks.ForwardingTaskStore;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.util.List;
import java.util.Optional;

/** A task store that, once crashed, refuses every write as a killed process would make none: what a restart must then recover. */
final class CrashableTaskStore extends ForwardingTaskStore {
    private volatile boolean crashed;

    CrashableTaskStore(TaskStore store) {
        super(store);
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
        super.create(task);
    }

    @Override
    public Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next) {
        alive();
        return super.compareAndSet(expectedRevision, next);
    }

    @Override
    public List<TaskRecord> removeExpired(long nowMs) {
        alive();
        return super.removeExpired(nowMs);
    }
}
