package dev.switchboard.benchmarks;

import dev.switchboard.kernel.Mailbox;
import dev.switchboard.kernel.MailboxListener;
import dev.switchboard.kernel.MailboxSettings;
import dev.switchboard.kernel.OverflowPolicy;
import java.util.concurrent.ArrayBlockingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * Our mailbox and its two peers behind one offer/poll shape, so one benchmark method measures all
 * three. JMH runs each {@code impl} value in its own fork, so only one implementation of this
 * interface is ever loaded in a measuring JVM and the call stays monomorphic (inlined).
 */
interface QueueUnderTest {
    String SWITCHBOARD = "switchboard";
    String ARRAY_BLOCKING_QUEUE = "arrayBlockingQueue";
    String MPSC_ARRAY_QUEUE = "mpscArrayQueue";

    /** {@code true} when the item is queued (for our drop-oldest mailbox, possibly after evicting the oldest). */
    boolean offer(Object item);

    /** The oldest item, or {@code null} when empty. */
    Object poll();

    /**
     * @param policy our mailbox's overflow policy; the peers have one behaviour only (refuse when
     *               full), so it is ignored for them
     */
    static QueueUnderTest create(String impl, int capacity, OverflowPolicy policy) {
        return switch (impl) {
            case SWITCHBOARD -> {
                Mailbox<Object> mailbox = Mailbox.create(MailboxSettings.of(capacity, policy), MailboxListener.none());
                yield new QueueUnderTest() {
                    @Override
                    public boolean offer(Object item) {
                        return mailbox.offer(item) == Mailbox.Offer.ENQUEUED;
                    }

                    @Override
                    public Object poll() {
                        return mailbox.poll();
                    }
                };
            }
            case ARRAY_BLOCKING_QUEUE -> of(new ArrayBlockingQueue<>(capacity));
            case MPSC_ARRAY_QUEUE -> of(new MpscArrayQueue<>(capacity));
            default -> throw new IllegalArgumentException("unknown queue '" + impl + "'");
        };
    }

    /** A JDK {@link java.util.Queue} peer as it is: each benchmark fork sees one implementation, so the call stays monomorphic. */
    private static QueueUnderTest of(java.util.Queue<Object> queue) {
        return new QueueUnderTest() {
            @Override
            public boolean offer(Object item) {
                return queue.offer(item);
            }

            @Override
            public Object poll() {
                return queue.poll();
            }
        };
    }
}
