package dev.switchboard.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded multi-producer multi-consumer ring with an exact capacity.
 *
 * <p>Dmitry Vyukov's bounded MPMC queue: each slot carries a sequence number that says whose turn it
 * is. A producer claims position {@code p} by CAS on the tail when slot {@code p % capacity} has
 * sequence {@code p}, writes the item, then publishes by setting the sequence to {@code p + 1}
 * (release). A consumer claims {@code p} on the head when the sequence is {@code p + 1}, takes the
 * item, and hands the slot to the next lap with sequence {@code p + capacity} (release). One CAS per
 * operation, no locks, and any capacity (JCTools rounds to a power of two; our configured bounds are
 * exact, so we pay a modulo instead of a mask).
 *
 * <p>Why not JCTools: drop-oldest needs a producer to poll, so the queue must be MPMC, and the
 * ledger needs the bound to be exactly the configured capacity.
 */
final class BoundedRing<E> extends BoundedRingTail {
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ITEM = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(BoundedRingHead.class, "head", long.class);
            TAIL = lookup.findVarHandle(BoundedRingTail.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final long[] sequences;
    private final Object[] items;

    BoundedRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        this.capacity = capacity;
        this.sequences = new long[capacity];
        this.items = new Object[capacity];
        for (int i = 0; i < capacity; i++) sequences[i] = i;
    }

    int capacity() {
        return capacity;
    }

    /** Adds {@code item}; {@code false} when the ring is full. */
    boolean offer(E item) {
        final long[] seqs = sequences;
        long pos = (long) TAIL.getOpaque(this);
        while (true) {
            int slot = (int) (pos % capacity);
            // acquire: pairs with the consumer's release of this slot, so its read of the old item is done
            long seq = (long) SEQ.getAcquire(seqs, slot);
            long diff = seq - pos;
            if (diff == 0) {
                if (TAIL.weakCompareAndSet(this, pos, pos + 1)) {
                    ITEM.set(items, slot, item);
                    // release: the item write above becomes visible before the slot reads as full
                    SEQ.setRelease(seqs, slot, pos + 1);
                    return true;
                }
                pos = (long) TAIL.getOpaque(this);
            } else if (diff < 0) {
                return false;
            } else {
                pos = (long) TAIL.getOpaque(this);
            }
        }
    }

    /** Removes the oldest item; {@code null} when empty (or when the next item is claimed but not yet written). */
    @SuppressWarnings("unchecked")
    E poll() {
        final long[] seqs = sequences;
        long pos = (long) HEAD.getOpaque(this);
        while (true) {
            int slot = (int) (pos % capacity);
            // acquire: pairs with the producer's release, so the item it wrote is visible
            long seq = (long) SEQ.getAcquire(seqs, slot);
            long diff = seq - (pos + 1);
            if (diff == 0) {
                if (HEAD.weakCompareAndSet(this, pos, pos + 1)) {
                    E item = (E) ITEM.get(items, slot);
                    ITEM.set(items, slot, null);
                    // release: the slot is free for the producer one lap ahead only after we have read it
                    SEQ.setRelease(seqs, slot, pos + capacity);
                    return item;
                }
                pos = (long) HEAD.getOpaque(this);
            } else if (diff < 0) {
                return null;
            } else {
                pos = (long) HEAD.getOpaque(this);
            }
        }
    }

    /** Positions claimed by producers so far: every successful offer, ever. */
    long offered() {
        return tail;
    }

    /** Positions claimed by consumers so far: every successful poll, ever. */
    long taken() {
        return head;
    }

    /** Items claimed by producers and not yet claimed by consumers; exact when quiet, a snapshot otherwise. */
    int size() {
        while (true) {
            long h = head;
            long t = tail;
            if (h == head) return (int) Math.max(0, Math.min(capacity, t - h));
        }
    }
}
