package dev.switchboard.kernel;

/**
 * Events from a mailbox. Called on the thread that caused them, so keep them short.
 *
 * @param <T> the item type
 */
public interface MailboxListener<T> {
    /** An offer found the mailbox full (whatever the policy then did). */
    default void onFull() {}

    /** A drain took the last item. */
    default void onEmpty() {}

    /** The policy dropped {@code item}: the newcomer, the oldest, or the lowest priority. */
    default void onDropped(T item, OverflowPolicy policy) {}

    static <T> MailboxListener<T> none() {
        return new MailboxListener<>() {};
    }
}
