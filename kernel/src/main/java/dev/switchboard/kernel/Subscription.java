package dev.switchboard.kernel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One subscriber's place on the bus: its pattern, its own bounded mailbox, and the virtual thread
 * that delivers to it, so a slow subscriber delays only itself. Close it to unsubscribe; events still
 * queued are dead-lettered, not lost silently.
 */
public final class Subscription implements AutoCloseable {
    /** Every delivery settles with this one value: a subscriber returns nothing. */
    private static final Outcome DELIVERED = new Outcome.Delivered(null);
    private final EventBus bus;
    private final TopicPattern pattern;
    private final Subscriber subscriber;
    private final Mailbox<Message> mailbox;
    private final Worker<Message> worker;
    private final int maxAttempts;
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscription(EventBus bus, TopicPattern pattern, Subscriber subscriber, MailboxSettings settings, KernelConfig config) {
        this.bus = bus;
        this.pattern = pattern;
        this.subscriber = subscriber;
        this.maxAttempts = config.maxAttempts();
        this.mailbox = Mailbox.create(settings, new MailboxListener<>() {
            @Override
            public void onDropped(Message m, OverflowPolicy policy) {
                bus.settle(m, new Outcome.Undelivered(DeadLetter.Reason.droppedBy(policy), fullDetail(), null));
            }
        }, m -> m.metadata().priority());
        this.worker = new Worker<>("bus:" + pattern.text(), mailbox, config.batchSize(), this::deliver, this::shutDown, () -> {});
        worker.start();
    }

    public String pattern() {
        return pattern.text();
    }

    TopicPattern topicPattern() {
        return pattern;
    }

    public MailboxStats stats() {
        return mailbox.stats();
    }

    /** Hands {@code message} to this subscription's mailbox; the ledger has already accepted it. */
    void enqueue(Message message) {
        switch (mailbox.offer(message)) {
            case ENQUEUED -> worker.signal();
            case DROPPED -> { } // the listener settled it
            case REJECTED -> bus.settle(message, new Outcome.Undelivered(DeadLetter.Reason.REJECTED, fullDetail(), null));
            case TIMED_OUT -> bus.settle(message, new Outcome.Undelivered(DeadLetter.Reason.BLOCK_TIMEOUT, fullDetail(), null));
        }
    }

    private String fullDetail() {
        return "mailbox of subscription '" + pattern.text() + "' is full (capacity " + mailbox.capacity() + ", policy " + mailbox.policy().configName() + ")";
    }

    private void deliver(Message message) {
        Throwable last = null;
        Message m = message;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                subscriber.onMessage(m);
                bus.settle(message, DELIVERED);
                return;
            } catch (Throwable t) {
                last = t;
                m = m.nextAttempt();
            }
        }
        bus.settle(message, new Outcome.Undelivered(DeadLetter.Reason.HANDLER_FAILED,
                "subscriber of '" + pattern.text() + "' failed " + maxAttempts + " time(s) on '" + message.path() + "': " + last, last));
    }

    /** Unsubscribes; anything still queued is dead-lettered as SHUTDOWN. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        bus.remove(this);
        try {
            worker.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutDown(Message m) {
        bus.settle(m, new Outcome.Undelivered(DeadLetter.Reason.SHUTDOWN, "subscription '" + pattern.text() + "' closed while it was queued", null));
    }
}
