package dev.switchboard.kernel;

import java.util.function.Consumer;

/**
 * A bounded multi-producer queue with an {@link OverflowPolicy}.
 *
 * <p>Every item offered ends in exactly one of: dequeued, reported to the listener as dropped, or
 * refused back to the offering caller ({@link Offer#REJECTED}, {@link Offer#TIMED_OUT}). That is what
 * lets the kernel keep its ledger exact.
 *
 * @param <T> the item type
 */
public interface Mailbox<T> {

    /** What happened to an offered item. */
    enum Offer {
        /** Queued (possibly after evicting another item, which the listener saw as dropped). */
        ENQUEUED,
        /** The item itself was dropped by the policy; the listener saw it. */
        DROPPED,
        /** Full and the policy is reject: the item is the caller's to handle. */
        REJECTED,
        /** Full for the whole block timeout: the item is the caller's to handle. */
        TIMED_OUT
    }

    Offer offer(T item);

    /** The next item, or {@code null} when empty. */
    T poll();

    /** Hands up to {@code limit} items to {@code sink}; returns how many. */
    int drain(Consumer<? super T> sink, int limit);

    int size();

    /** Primary capacity; a {@link OverflowPolicy#PRIORITY} mailbox holds up to this plus its overflow capacity. */
    int capacity();

    default boolean isEmpty() {
        return size() == 0;
    }

    OverflowPolicy policy();

    MailboxStats stats();

    /** A mailbox built from {@code settings}; every item counts as priority 0. */
    static <T> Mailbox<T> create(MailboxSettings settings, MailboxListener<? super T> listener) {
        return create(settings, listener, item -> 0);
    }

    /** A mailbox built from {@code settings}; {@code priorityOf} ranks items for {@link OverflowPolicy#PRIORITY}. */
    static <T> Mailbox<T> create(MailboxSettings settings, MailboxListener<? super T> listener,
                                 java.util.function.ToIntFunction<? super T> priorityOf) {
        return switch (settings.policy()) {
            case PRIORITY -> new PriorityOverflowMailbox<>(settings, listener, priorityOf);
            case DROP_OLDEST, DROP_NEWEST, REJECT, BLOCK -> new RingMailbox<>(settings, listener);
        };
    }
}
