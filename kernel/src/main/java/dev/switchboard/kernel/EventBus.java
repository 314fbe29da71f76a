package dev.switchboard.kernel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publish-subscribe over topics with wildcards ({@link TopicPattern}).
 *
 * <p>Each subscription has its own mailbox and virtual thread, so publishing never runs subscriber
 * code and a slow subscriber only fills its own mailbox (where its overflow policy decides, and drops
 * are dead-lettered). Matching subscriptions are cached per topic and the cache is cleared on every
 * subscribe and unsubscribe; entries carry the
 * subscription version they were computed at, so a lookup racing a subscribe cannot keep a stale list.
 *
 * <p>Idempotency: a message with a correlation id already seen inside the window
 * ({@code idempotency.capacity}, {@code idempotency.ttlMs}) is not delivered again, and the publish
 * returns the first message's id. The window is size-bounded, so under more distinct ids than its
 * capacity an old id can be forgotten early; durable deduplication is the cluster's job.
 *
 * <p>With {@code performance.autotune} on, each delivery to a topic that names a running subsystem
 * ({@code tools://…}) also takes a slot of that subsystem's {@link AdaptiveLimit}, from publication
 * until the subscriber has handled it; a delivery the limit refuses goes the way of the subscription's
 * overflow policy, as if its mailbox were full, and is dead-lettered (see {@link Subscription}).
 *
 * <p>The message's metadata (caller, trace context, correlation id) reaches subscribers unchanged.
 */
public final class EventBus {
    private static final Subscription[] NONE = new Subscription[0];

    private final Kernel kernel;
    private final KernelConfig config;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Cache<String, Targets> matches;
    /** Bumped on every subscribe and unsubscribe; a cached entry from an older version is recomputed. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    record Targets(long version, Subscription[] subscriptions) {}
    private final Cache<String, Long> seen;
    private final java.util.concurrent.atomic.LongAdder duplicates = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder firstSeen = new java.util.concurrent.atomic.LongAdder();

    EventBus(Kernel kernel, KernelConfig config) {
        this.kernel = kernel;
        this.config = config;
        this.matches = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();
        this.seen = config.idempotencyCapacity() == 0 ? null : Caffeine.newBuilder()
                .maximumSize(config.idempotencyCapacity())
                .expireAfterWrite(Duration.ofMillis(config.idempotencyTtlMillis()))
                .scheduler(Scheduler.systemScheduler())
                .build();
    }

    /** Subscribes with the kernel's default mailbox. */
    public Subscription subscribe(String pattern, Subscriber subscriber) {
        return subscribe(pattern, config.mailbox(), subscriber);
    }

    public Subscription subscribe(String pattern, MailboxSettings mailbox, Subscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Subscription s = new Subscription(this, TopicPattern.parse(pattern), subscriber, mailbox, config);
        subscriptions.add(s);
        version.incrementAndGet();
        matches.invalidateAll();
        return s;
    }

    /** Same as {@link Subscription#close()}. */
    public void unsubscribe(Subscription subscription) {
        subscription.close();
    }

    void remove(Subscription s) {
        subscriptions.remove(s);
        version.incrementAndGet();
        matches.invalidateAll();
    }

    public PublishResult publish(String topic, Object body) {
        return publish(Message.of(topic, body));
    }

    /** The idempotency window's lookups: hits are duplicates not delivered again. */
    public CacheCounts idempotencyCounts() {
        return new CacheCounts(duplicates.sum(), firstSeen.sum());
    }

    /**
     * A handle on one topic for a hot publisher: it remembers the topic's subscriptions and checks
     * them against the bus's version (one volatile read) instead of a cache lookup per publish.
     */
    public Topic topic(String path) {
        return new Topic(this, path);
    }

    /** Publishes {@code message} to every subscription whose pattern matches its path. */
    public PublishResult publish(Message message) {
        return publish(message, targets(message.path()));
    }

    /** The subscriptions {@code topic} reaches now, and the version they were computed at. */
    Targets targetsOf(String topic) {
        long v = version.get();
        return new Targets(v, targets(topic));
    }

    /** Whether {@code targets} still holds: no subscription came or went since. */
    boolean current(Targets targets) {
        return targets.version() == version.get();
    }

    PublishResult publish(Message message, Subscription[] targets) {
        String cid = message.metadata().correlationId();
        if (cid != null && seen != null) {
            Long first = seen.asMap().putIfAbsent(cid, message.id());
            if (first != null) {
                duplicates.increment();
                return new PublishResult(first, true, 0, false, kernel.backpressure().engaged());
            }
            firstSeen.increment();
        }
        int n = Math.max(1, targets.length);
        if (!kernel.admit(n)) {
            if (cid != null && seen != null) seen.asMap().remove(cid, message.id());
            return new PublishResult(message.id(), false, 0, true, true);
        }
        if (targets.length == 0) {
            settle(message, new Outcome.Undelivered(DeadLetter.Reason.NO_SUBSCRIBER, "no subscription matches topic '" + message.path() + "'", null));
            return new PublishResult(message.id(), false, 0, false, kernel.backpressure().engaged());
        }
        AdaptiveLimit limit = kernel.adaptiveLimitOf(message.path());
        if (limit == null) {
            for (Subscription s : targets) s.enqueue(message);
        } else {
            for (Subscription s : targets) s.enqueueUnder(limit, message);
        }
        return new PublishResult(message.id(), false, targets.length, false, kernel.backpressure().engaged());
    }

    /** Publishes each message in order; one result per message. */
    public List<PublishResult> publishBatch(List<Message> messages) {
        List<PublishResult> out = new ArrayList<>(messages.size());
        for (Message m : messages) out.add(publish(m));
        return out;
    }

    private Subscription[] targets(String topic) {
        long v = version.get();
        Targets cached = matches.getIfPresent(topic);
        if (cached != null && cached.version() == v) return cached.subscriptions();
        List<String> tokens = TopicPattern.tokens(topic);
        if (tokens == null) return NONE;
        List<Subscription> found = new ArrayList<>();
        for (Subscription s : subscriptions) if (s.topicPattern().matches(tokens)) found.add(s);
        Subscription[] result = found.toArray(NONE);
        matches.put(topic, new Targets(v, result));
        return result;
    }

    /** Active subscriptions. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    void settle(Message message, Outcome outcome) {
        kernel.settle(message, outcome);
    }

    void close() {
        for (Subscription s : List.copyOf(subscriptions)) s.close();
    }
}
