package dev.switchboard.kernel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The mailbox for drop-oldest, drop-newest, reject and block: one {@link BoundedRing}.
 *
 * <p>Enqueued and dequeued counts are the ring's own positions rather than counters, so the fast
 * path writes nothing but the ring. Drop-oldest makes room by polling from the producer side, which is why the ring is MPMC. Block
 * waits by parking in short steps rather than with a condition: a full mailbox is the slow path, and
 * not signalling keeps consumers free of any producer bookkeeping.
 */
final class RingMailbox<T> implements Mailbox<T> {
    private static final long BLOCK_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final BoundedRing<T> ring;
    private final OverflowPolicy policy;
    private final long blockTimeoutNanos;
    private final MailboxListener<? super T> listener;
    private final MailboxCounters counters = new MailboxCounters();

    RingMailbox(MailboxSettings settings, MailboxListener<? super T> listener) {
        if (settings.policy() == OverflowPolicy.PRIORITY) throw new IllegalArgumentException("priority mailboxes are PriorityOverflowMailbox");
        this.ring = new BoundedRing<>(settings.capacity());
        this.policy = settings.policy();
        this.blockTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.blockTimeoutMillis());
        this.listener = listener;
    }

    @Override
    public Offer offer(T item) {
        if (ring.offer(item)) return Offer.ENQUEUED;
        counters.fullEvents.increment();
        listener.onFull();
        return switch (policy) {
            case DROP_NEWEST -> dropped(item);
            case REJECT -> refused(Offer.REJECTED);
            case DROP_OLDEST -> evictOldestFor(item);
            case BLOCK -> waitFor(item);
            case PRIORITY -> throw new AssertionError("unreachable");
        };
    }

    private Offer evictOldestFor(T item) {
        while (true) {
            T oldest = ring.poll();
            if (oldest != null) dropped(oldest);
            if (ring.offer(item)) return Offer.ENQUEUED;
        }
    }

    private Offer waitFor(T item) {
        long deadline = System.nanoTime() + blockTimeoutNanos;
        while (System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(BLOCK_PARK_NANOS);
            if (ring.offer(item)) return Offer.ENQUEUED;
        }
        return refused(Offer.TIMED_OUT);
    }

    private Offer dropped(T item) {
        counters.dropped.increment();
        listener.onDropped(item, policy);
        return Offer.DROPPED;
    }

    private Offer refused(Offer why) {
        counters.errors.increment();
        return why;
    }

    @Override
    public T poll() {
        T item = ring.poll();
        if (item != null && ring.size() == 0) listener.onEmpty();
        return item;
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) {
        int n = 0;
        T item;
        while (n < limit && (item = ring.poll()) != null) {
            n++;
            sink.accept(item);
        }
        if (n > 0 && ring.size() == 0) listener.onEmpty();
        return n;
    }

    @Override
    public int size() {
        return ring.size();
    }

    @Override
    public int capacity() {
        return ring.capacity();
    }

    @Override
    public OverflowPolicy policy() {
        return policy;
    }

    @Override
    public MailboxStats stats() {
        // enqueued and dequeued are the ring's positions: exact, and free on the hot path
        // (two counters written per message by producer and consumer contended on shared lines)
        long taken = ring.taken();
        return new MailboxStats(ring.offered(), taken, counters.dropped.sum(), counters.fullEvents.sum(), counters.errors.sum(), size());
    }
}
