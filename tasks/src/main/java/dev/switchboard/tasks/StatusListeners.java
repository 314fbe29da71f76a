package dev.switchboard.tasks;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/* The engine's status listeners: one that throws is logged and the others are still told. */
final class StatusListeners {
    private static final System.Logger LOG = System.getLogger(TaskEngine.class.getName());
    private final List<TaskStatusListener> listeners = new CopyOnWriteArrayList<>();

    void add(TaskStatusListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void tell(TaskRecord task, TaskStatus previous) {
        for (TaskStatusListener l : listeners) {
            try {
                l.statusChanged(task, previous);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "task " + task.id() + ": a status listener failed", e);
            }
        }
    }
}
