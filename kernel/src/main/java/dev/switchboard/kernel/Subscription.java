package dev.switchboard.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One subscriber's place on the bus: its pattern, its own bounded mailbox, and the virtual thread
 * that delivers to it, so a slow subscriber delays only itself. Close it to unsubscribe; events still
 * queued are dead-lettered, not lost silently.
 *
 * <p>Under {@code performance.autotune}, a delivery to a subsystem's topic holds a slot of that
 * subsystem's adaptive limit until it is settled. When the limit refuses one, the subscription's
 * overflow policy decides, as for a full mailbox: drop-newest drops it, reject refuses it, block
 * waits up to the block timeout for a slot, drop-oldest evicts this subscription's oldest queued
 * event to free its slot (and drops the newcomer when nothing is queued or the slot went
 * elsewhere), priority drops it as the lowest priority (the limit has no queue to rank it in).
 * Each of those is dead-lettered with its reason, so the ledger still balances.
 */
public final class Subscription implements AutoCloseable {
    /** Every delivery settles with this one value: a subscriber returns nothing. */
    private static final Outcome DELIVERED = new Outcome.Delivered(null);
    private static final long BLOCK_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private final EventBus bus;
    private final TopicPattern pattern;
    private final Subscriber subscriber;
    private final Mailbox<Message> mailbox;
    private final Worker<Message> worker;
    private final int maxAttempts;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether deliveries may hold adaptive slots: without autotune {@link #slots} stays empty and is never looked at. */
    private final boolean adaptive;
    private final long blockTimeoutNanos;
    /** Adaptive slots held by queued or running deliveries, by message id. */
    private final Map<Long, HeldSlot> slots = new ConcurrentHashMap<>();

    private record HeldSlot(AdaptiveLimit limit, long admittedAt) {}

    Subscription(EventBus bus, TopicPattern pattern, Subscriber subscriber, MailboxSettings settings, KernelConfig config) {
        this.bus = bus;
        this.pattern = pattern;
        this.subscriber = subscriber;
        this.maxAttempts = config.maxAttempts();
        this.adaptive = config.autotune().enabled();
        this.blockTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.blockTimeoutMillis());
        this.mailbox = Mailbox.create(settings, new MailboxListener<>() {
            @Override
            public void onDropped(Message m, OverflowPolicy policy) {
                settle(m, new Outcome.Undelivered(DeadLetter.Reason.droppedBy(policy), fullDetail(), null));
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
            case REJECTED -> settle(message, new Outcome.Undelivered(DeadLetter.Reason.REJECTED, fullDetail(), null));
            case TIMED_OUT -> settle(message, new Outcome.Undelivered(DeadLetter.Reason.BLOCK_TIMEOUT, fullDetail(), null));
        }
    }

    /** Like {@link #enqueue}, but first takes a slot of {@code limit}; refused, the overflow policy decides (see the class comment). */
    void enqueueUnder(AdaptiveLimit limit, Message message) {
        if (!limit.tryAcquire() && !makeRoom(limit, message)) return;
        // the same message published twice while queued holds one slot, not a second that nothing would give back
        if (slots.putIfAbsent(message.id(), new HeldSlot(limit, limit.now())) != null) limit.release(0, AdaptiveLimit.Result.IGNORED);
        enqueue(message);
    }

    /** {@code true} when a slot was found after all; otherwise {@code message} has been dead-lettered. */
    private boolean makeRoom(AdaptiveLimit limit, Message message) {
        OverflowPolicy policy = mailbox.policy();
        if (policy == OverflowPolicy.DROP_OLDEST) {
            Message oldest = mailbox.poll(); // the ring is MPMC: a producer may poll, as the mailbox's own drop-oldest does
            if (oldest != null) {
                settleEvicted(oldest, new Outcome.Undelivered(DeadLetter.Reason.DROPPED_OLDEST, limitDetail(limit) + "; evicted for a newer event", null));
                if (limit.tryTake()) return true;
            }
        } else if (policy == OverflowPolicy.BLOCK) {
            long deadline = System.nanoTime() + blockTimeoutNanos;
            while (System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(BLOCK_PARK_NANOS);
                if (limit.tryTake()) return true;
            }
        }
        DeadLetter.Reason reason = switch (policy) {
            case DROP_OLDEST, DROP_NEWEST -> DeadLetter.Reason.DROPPED_NEWEST;
            case PRIORITY -> DeadLetter.Reason.DROPPED_LOW_PRIORITY;
            case REJECT -> DeadLetter.Reason.REJECTED;
            case BLOCK -> DeadLetter.Reason.BLOCK_TIMEOUT;
        };
        bus.settle(message, new Outcome.Undelivered(reason, limitDetail(limit), null));
        return false;
    }

    private String limitDetail(AdaptiveLimit limit) {
        return "subsystem '" + limit.name() + "' is at its adaptive limit of " + limit.limit() + " calls in flight (performance.autotune); event for subscription '"
                + pattern.text() + "' handled by its overflow policy " + mailbox.policy().configName();
    }

    /** Settles a delivery and gives back its adaptive slot, if it held one, with what the limit should learn from it. */
    private void settle(Message message, Outcome outcome) {
        HeldSlot slot = adaptive ? slots.remove(message.id()) : null;
        if (slot != null) slot.limit().release(slot.admittedAt(), LimitedJob.resultOf(outcome));
        bus.settle(message, outcome);
    }

    /** An event the limit itself pushed out: its slot comes back, but it is no sample (it says nothing of the subscriber's speed). */
    private void settleEvicted(Message message, Outcome outcome) {
        HeldSlot slot = slots.remove(message.id());
        if (slot != null) slot.limit().release(slot.admittedAt(), AdaptiveLimit.Result.IGNORED);
        bus.settle(message, outcome);
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
                settle(message, DELIVERED);
                return;
            } catch (Throwable t) {
                last = t;
                m = m.nextAttempt();
            }
        }
        settle(message, new Outcome.Undelivered(DeadLetter.Reason.HANDLER_FAILED,
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
        settle(m, new Outcome.Undelivered(DeadLetter.Reason.SHUTDOWN, "subscription '" + pattern.text() + "' closed while it was queued", null));
    }
}
