package dev.switchboard.cluster;

import dev.switchboard.tasks.ForwardingTaskStore;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/*
 * Why: the fault test must account for what a node did even after it was killed with SIGKILL,
 * when its in-memory ledger is gone. This store passes every call through and writes a line to
 * the node's stdout for each task it creates and each task it moves to a final state, once
 * before the write ("creating", "finishing") and once after it was acknowledged ("created",
 * "final"); the pipe keeps what was written after the process died. A killed node's last intent
 * without a confirmation is settled by the test from the record itself.
 */
final class ReportingTaskStore extends ForwardingTaskStore {
    private final PrintStream out;

    ReportingTaskStore(TaskStore store, PrintStream out) {
        super(store);
        this.out = out;
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void create(TaskRecord task) {
        say("creating " + task.id());
        super.create(task);
        say("created " + task.id());
    }

    @Override
    public Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next) {
        boolean ending = next.status().isFinal();
        if (ending) say("finishing " + next.id() + " " + next.status());
        Optional<TaskRecord> stored;
        try {
            stored = super.compareAndSet(expectedRevision, next);
        } catch (RuntimeException e) {
            if (ending) say("unanswered " + next.id() + " " + next.status()); // it may have been stored all the same
            throw e;
        }
        if (ending && stored.isPresent()) say("final " + next.id() + " " + next.status() + " " + stored.get().revision());
        return stored;
    }

    @Override
    public List<TaskRecord> removeExpired(long nowMs) {
        List<TaskRecord> removed = super.removeExpired(nowMs);
        for (TaskRecord r : removed) if (!r.status().isFinal()) say("expired " + r.id());
        return removed;
    }
}
