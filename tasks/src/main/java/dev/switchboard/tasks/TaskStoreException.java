package dev.switchboard.tasks;

import java.nio.file.Path;

/**
 * The store cannot do what was asked: its directory is unwritable or corrupt, or a write did
 * not reach the disk. The message always names the path, so an operator knows where to look.
 */
public final class TaskStoreException extends RuntimeException {
    private final transient Path path;

    public TaskStoreException(Path path, String problem, Throwable cause) {
        super("task store " + path + ": " + problem, cause);
        this.path = path;
    }

    /** The store directory or file the problem is about. */
    public Path path() {
        return path;
    }
}
