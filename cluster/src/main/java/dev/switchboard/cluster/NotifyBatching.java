package dev.switchboard.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/*
 * Why: the seed asks for cluster messages "in batches where latency allows" (100 messages
 * or 10 ms). This is that coalescing, used by `sb bench cluster` to measure whether it pays for the
 * notification fan-out: events handed in are sent as one message when 100 are waiting or 10 ms
 * after the first of them, whichever comes first.
 */
final class NotifyBatching<T> implements AutoCloseable {
    private final int maxCount;
    private final long maxWaitNanos;
    private final Consumer<List<T>> send;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread ticker;
    private List<T> pending = new ArrayList<>();
    private long firstNanos;
    private volatile boolean open = true;

    NotifyBatching(int maxCount, long maxWaitMs, Consumer<List<T>> send) {
        this.maxCount = maxCount;
        this.maxWaitNanos = maxWaitMs * 1_000_000;
        this.send = send;
        this.ticker = Thread.ofPlatform().daemon().name("notify-batching").start(this::tick);
    }

    void add(T event) {
        List<T> full = null;
        lock.lock();
        try {
            if (pending.isEmpty()) firstNanos = System.nanoTime();
            pending.add(event);
            if (pending.size() >= maxCount) full = take();
        } finally {
            lock.unlock();
        }
        if (full != null) send.accept(full);
    }

    private void tick() {
        while (open) {
            List<T> due = null;
            lock.lock();
            try {
                if (!pending.isEmpty() && System.nanoTime() - firstNanos >= maxWaitNanos) due = take();
            } finally {
                lock.unlock();
            }
            if (due != null) send.accept(due);
            java.util.concurrent.locks.LockSupport.parkNanos(500_000); // a 0.5 ms tick: the 10 ms bound holds within it
        }
    }

    private List<T> take() {
        List<T> out = pending;
        pending = new ArrayList<>();
        return out;
    }

    @Override
    public void close() {
        open = false;
        List<T> rest;
        lock.lock();
        try {
            rest = take();
        } finally {
            lock.unlock();
        }
        if (!rest.isEmpty()) send.accept(rest);
    }
}
