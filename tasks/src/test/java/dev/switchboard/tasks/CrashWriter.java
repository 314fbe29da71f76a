package dev.switchboard.tasks;

import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * The process {@link StoreCrashTest} kills: creates tasks from eight threads forever and prints
 * {@code ACK <id>} for each create only after {@link TaskStore#create} returned (i.e. fsync'd).
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) {
        TaskStore store = TaskStore.embedded(Path.of(args[0]));
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                pool.execute(() -> {
                    while (true) {
                        String id = TaskIds.next();
                        store.create(TaskRecord.created(id, "session:crash", "slow_compute", "{\"seconds\":5}",
                                System.currentTimeMillis(), null, 1000, false));
                        synchronized (System.out) {
                            System.out.println("ACK " + id);
                            System.out.flush();
                        }
                    }
                });
            }
        }
    }
}
