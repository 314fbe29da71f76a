package dev.switchboard.tasks;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/*
 * Why: with a store shared by several nodes no engine may assume an orphan at start; instead each
 * engine keeps taking work from the store's queue (new tasks and tasks whose claim lapsed because
 * their node died) and renews the claims of what it runs at a third of the lease, so a live node
 * never loses its tasks and a dead node's tasks come back after one lease.
 */
final class SharedStoreWork {
    private static final System.Logger LOG = System.getLogger(SharedStoreWork.class.getName());
    private static final int BATCH = 32;

    private final TaskEngine engine;
    private final TaskStore store;
    private final long lease;
    private final ScheduledExecutorService renewer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("task-claims").factory());
    private volatile boolean stopped;
    private volatile Thread pickup;

    SharedStoreWork(TaskEngine engine, TaskStore store, long lease) {
        this.engine = engine;
        this.store = store;
        this.lease = lease;
    }

    synchronized void start() {
        if (pickup != null || stopped) return;
        long every = Math.max(1, lease / 3);
        renewer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        pickup = Thread.ofVirtual().name("task-pickup").start(this::pickUp);
    }

    private void pickUp() {
        while (!stopped) {
            try {
                int room = engine.room();
                if (room <= 0) {
                    Thread.sleep(Math.max(10, lease / 20));
                    continue;
                }
                List<TaskRecord> work = store.claimable(System.currentTimeMillis(), Math.min(room, BATCH));
                for (TaskRecord r : work) engine.takeOver(r);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopped) return;
                LOG.log(Level.WARNING, "taking tasks from the shared store failed; retrying in 1 s", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void renewQuietly() {
        try {
            engine.renewClaims();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "renewing task claims failed", e);
        }
    }

    void stop() {
        stopped = true;
        renewer.shutdownNow();
        if (pickup != null) pickup.interrupt();
    }
}
