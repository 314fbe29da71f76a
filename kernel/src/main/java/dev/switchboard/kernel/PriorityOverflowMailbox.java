package dev.switchboard.kernel;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * A primary FIFO queue plus a priority-ordered overflow queue.
 *
 * <p>While the overflow queue holds anything, newcomers go there too, so everything in the primary
 * queue is older than everything in the overflow queue and a consumer takes the primary queue first,
 * then the overflow queue highest priority first (oldest first among equals). When both are full
 * the lowest-priority item among the overflow queue and the newcomer is dropped; among equals the
 * newest goes, so arrival order is kept for what stays.
 *
 * <p>One lock guards both queues: this policy is chosen for correctness under overload, not for the
 * fast path, and a lock keeps "find the lowest and replace it" atomic.
 */
final class PriorityOverflowMailbox<T> implements Mailbox<T> {
    private record Entry<T>(T item, int priority, long seq) {}

    private static final Comparator<Entry<?>> HIGHEST_FIRST =
            Comparator.<Entry<?>>comparingInt(e -> -e.priority()).thenComparingLong(Entry::seq);

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> primary;
    private final TreeSet<Entry<T>> overflow = new TreeSet<>(HIGHEST_FIRST);
    private final int capacity;
    private final int overflowCapacity;
    private final ToIntFunction<? super T> priorityOf;
    private final MailboxListener<? super T> listener;
    private final MailboxCounters counters = new MailboxCounters();
    private long seq;
    private volatile int size;

    PriorityOverflowMailbox(MailboxSettings settings, MailboxListener<? super T> listener, ToIntFunction<? super T> priorityOf) {
        this.capacity = settings.capacity();
        this.overflowCapacity = settings.overflowCapacity();
        this.primary = new ArrayDeque<>(Math.min(capacity, 1024));
        this.listener = listener;
        this.priorityOf = priorityOf;
    }

    @Override
    public Offer offer(T item) {
        T dropped = null;
        Offer result;
        boolean full = false;
        lock.lock();
        try {
            if (overflow.isEmpty() && primary.size() < capacity) {
                primary.addLast(item);
                result = Offer.ENQUEUED;
            } else {
                full = true;
                Entry<T> entry = new Entry<>(item, priorityOf.applyAsInt(item), seq++);
                if (overflow.size() < overflowCapacity) {
                    overflow.add(entry);
                    result = Offer.ENQUEUED;
                } else if (!overflow.isEmpty() && overflow.last().priority() < entry.priority()) {
                    dropped = overflow.pollLast().item();
                    overflow.add(entry);
                    result = Offer.ENQUEUED;
                } else {
                    dropped = item;
                    result = Offer.DROPPED;
                }
            }
            size = primary.size() + overflow.size();
        } finally {
            lock.unlock();
        }
        if (result == Offer.ENQUEUED) counters.enqueued.increment();
        if (full) {
            counters.fullEvents.increment();
            listener.onFull();
        }
        if (dropped != null) {
            counters.dropped.increment();
            listener.onDropped(dropped, OverflowPolicy.PRIORITY);
        }
        return result;
    }

    @Override
    public T poll() {
        T item;
        boolean nowEmpty;
        lock.lock();
        try {
            item = takeLocked();
            nowEmpty = item != null && size == 0;
        } finally {
            lock.unlock();
        }
        if (item != null) counters.dequeued.increment();
        if (nowEmpty) listener.onEmpty();
        return item;
    }

    private T takeLocked() {
        T item = primary.pollFirst();
        if (item == null) {
            Entry<T> e = overflow.pollFirst();
            item = e == null ? null : e.item();
        }
        size = primary.size() + overflow.size();
        return item;
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) {
        int n = 0;
        T item;
        while (n < limit && (item = poll()) != null) {
            n++;
            sink.accept(item);
        }
        return n;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** The overflow queue's bound. */
    int overflowCapacity() {
        return overflowCapacity;
    }

    @Override
    public OverflowPolicy policy() {
        return OverflowPolicy.PRIORITY;
    }

    @Override
    public MailboxStats stats() {
        return counters.snapshot(size);
    }
}
