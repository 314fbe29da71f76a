package dev.switchboard.wasm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells which files of one folder were created, changed or deleted. Events are gathered until the
 * folder has been quiet for a moment, so a module written in several chunks (or a copy followed by
 * its manifest) is loaded once, complete.
 */
final class FolderWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FolderWatch.class.getName());
    private static final long QUIET_MS = 150;

    private final WatchService service;
    private final Thread thread;

    private FolderWatch(Path dir, Consumer<Path> changed) throws IOException {
        service = FileSystems.getDefault().newWatchService();
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        thread = Thread.ofPlatform().daemon().name("wasm-watch").start(() -> loop(dir, changed));
    }

    static FolderWatch start(Path dir, Consumer<Path> changed) {
        try {
            return new FolderWatch(dir, changed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir, e);
        }
    }

    private void loop(Path dir, Consumer<Path> changed) {
        try {
            while (true) {
                Set<Path> files = new LinkedHashSet<>();
                WatchKey key = service.take();
                do {
                    for (WatchEvent<?> event : key.pollEvents())
                        if (event.context() instanceof Path p) files.add(dir.resolve(p));
                    key.reset();
                    key = service.poll(QUIET_MS, TimeUnit.MILLISECONDS);
                } while (key != null);
                for (Path file : files) {
                    try {
                        changed.accept(file);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "reloading " + file + " failed", e);
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the watch: {0}", e.getMessage());
        }
        thread.interrupt();
    }
}
