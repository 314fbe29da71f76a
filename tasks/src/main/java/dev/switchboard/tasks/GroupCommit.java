package dev.switchboard.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/*
 * Group commit: one writer thread applies every queued change, then makes the whole batch
 * durable with ONE fsync, then answers every caller in it. An fsync costs about the same for one
 * record as for a thousand, so under load the batch grows by itself and throughput follows the
 * disk's sync rate times the batch size, while a lone caller still waits for just one sync.
 * A single writer also makes compare-and-set trivially atomic: nothing else mutates in between.
 * If a sync fails the store is broken: every caller in the batch and every later writer gets a
 * TaskStoreException naming the path, never a silent success.
 */
final class GroupCommit implements AutoCloseable {
    private record Pending<T>(Supplier<T> change, CompletableFuture<T> done) {
        void apply() {
            try {
                done.complete(change.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Runnable sync;
    private final Path path;
    private final int maxBatch;
    private final Thread writer;
    private volatile TaskStoreException broken;
    private final Pending<Void> stopSignal = new Pending<>(() -> null, new CompletableFuture<>());

    GroupCommit(String name, Path path, Runnable sync, int maxBatch) {
        this.sync = sync;
        this.path = path;
        this.maxBatch = maxBatch;
        this.writer = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /** Applies {@code change} on the writer thread; returns its value once it is on disk. */
    <T> T submit(Supplier<T> change) {
        if (broken != null) throw broken;
        var pending = new Pending<>(change, new CompletableFuture<T>());
        queue.add(pending);
        try {
            return pending.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            boolean stop = batch.remove(stopSignal);
            List<Pending<?>> applied = new ArrayList<>(batch.size());
            for (Pending<?> p : batch) {
                if (broken != null) p.done().completeExceptionally(broken);
                else applied.add(p);
            }
            flush(applied);
            batch.clear();
            if (stop) {
                stopSignal.done().complete(null);
                return;
            }
        }
    }

    // Apply first (results held back), sync once, then release the callers.
    private void flush(List<Pending<?>> applied) {
        if (applied.isEmpty()) return;
        List<CompletableFuture<?>> held = new ArrayList<>(applied.size());
        for (Pending<?> p : applied) held.add(hold(p));
        try {
            sync.run();
        } catch (RuntimeException e) {
            broken = new TaskStoreException(path, "a write did not reach the disk: " + e.getMessage(), e);
            for (Pending<?> p : applied) p.done().completeExceptionally(broken);
            return;
        }
        for (int i = 0; i < applied.size(); i++) release(applied.get(i), held.get(i));
    }

    private static <T> CompletableFuture<T> hold(Pending<T> p) {
        var staged = new CompletableFuture<T>();
        new Pending<>(p.change(), staged).apply();
        return staged;
    }

    @SuppressWarnings("unchecked")
    private static <T> void release(Pending<T> p, CompletableFuture<?> staged) {
        ((CompletableFuture<T>) staged).whenComplete((v, e) -> {
            if (e != null) p.done().completeExceptionally(e);
            else p.done().complete(v);
        });
    }

    @Override
    public void close() {
        queue.add(stopSignal);
        stopSignal.done().join();
    }
}
