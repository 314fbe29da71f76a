package dev.switchboard.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's settings. Defaults are the ones the Switchboard seed systems ran with.
 *
 * @param routerCacheCapacity   paths whose route match is memoised
 * @param queueCapacity         each mailbox's bound
 * @param overflowPolicy        what a full mailbox does
 * @param overflowCapacity      the overflow queue of a priority mailbox
 * @param blockTimeoutMillis    how long a block mailbox waits for room
 * @param batchSize             messages a worker takes per drain
 * @param maxInflight           accepted-and-unfinished messages across the kernel; beyond it submissions are refused
 * @param queueWatermark        fraction of a limit above which backpressure is signalled
 * @param idempotencyCapacity   correlation ids remembered by the event bus
 * @param idempotencyTtlMillis  how long a correlation id is remembered
 * @param maxAttempts           handler attempts before a message is dead-lettered
 * @param retryBackoffMillis    pause between attempts
 * @param concurrency           default limit of concurrently running handlers per subsystem
 * @param deadLetterCapacity    recent dead letters kept for inspection (counts are always exact)
 * @param autotune              the adaptive admission limit ({@code performance.autotune*}); off by default
 */
public record KernelConfig(int routerCacheCapacity, int queueCapacity, OverflowPolicy overflowPolicy, int overflowCapacity,
                           long blockTimeoutMillis, int batchSize, int maxInflight, double queueWatermark,
                           int idempotencyCapacity, long idempotencyTtlMillis, int maxAttempts, long retryBackoffMillis,
                           int concurrency, int deadLetterCapacity, AutotuneSettings autotune) {

    public static final ConfigKey<Integer> ROUTER_CACHE_CAPACITY = ConfigKey.integer("router.cacheCapacity", 1_000, 0, 10_000_000, "paths whose route match is cached (0 disables)");
    public static final ConfigKey<Integer> QUEUE_CAPACITY = ConfigKey.integer("queue.capacity", 1_000, 1, 10_000_000, "bound of each mailbox");
    public static final ConfigKey<String> QUEUE_OVERFLOW_POLICY = ConfigKey.choice("queue.overflowPolicy", "drop-oldest",
            Arrays.stream(OverflowPolicy.values()).map(OverflowPolicy::configName).toList(), "what a full mailbox does");
    public static final ConfigKey<Integer> QUEUE_OVERFLOW_CAPACITY = ConfigKey.integer("queue.overflowCapacity", 10_000, 0, 10_000_000, "overflow queue of a priority mailbox");
    public static final ConfigKey<Long> QUEUE_BLOCK_TIMEOUT_MS = ConfigKey.longInteger("queue.blockTimeoutMs", 1_000, 0, 3_600_000, "how long a block mailbox waits for room");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.integer("performance.batchSize", 64, 1, 65_536, "messages a worker drains per batch");
    public static final ConfigKey<Integer> MAX_INFLIGHT = ConfigKey.integer("performance.maxInflight", 2_048, 1, 10_000_000, "accepted, unfinished messages before submissions are refused as overloaded");
    public static final ConfigKey<Double> QUEUE_WATERMARK = ConfigKey.decimal("performance.queueWatermark", 0.75, 0.0, 1.0, "fraction of a limit above which backpressure is signalled");
    public static final ConfigKey<Integer> IDEMPOTENCY_CAPACITY = ConfigKey.integer("idempotency.capacity", 10_000, 0, 100_000_000, "correlation ids the event bus remembers");
    public static final ConfigKey<Long> IDEMPOTENCY_TTL_MS = ConfigKey.longInteger("idempotency.ttlMs", 5_000, 1, 86_400_000, "how long a correlation id is remembered");
    public static final ConfigKey<Integer> RETRY_MAX_ATTEMPTS = ConfigKey.integer("retry.maxAttempts", 3, 1, 100, "handler attempts before dead-lettering");
    public static final ConfigKey<Long> RETRY_BACKOFF_MS = ConfigKey.longInteger("retry.backoffMs", 10, 0, 60_000, "pause between handler attempts");
    public static final ConfigKey<Integer> SUBSYSTEM_CONCURRENCY = ConfigKey.integer("subsystem.concurrency", 1_024, 1, 1_000_000, "default limit of concurrently running handlers per subsystem");
    public static final ConfigKey<Integer> DEAD_LETTER_CAPACITY = ConfigKey.integer("deadLetters.capacity", 1_000, 0, 1_000_000, "recent dead letters kept for inspection");

    /** Every kernel key, for {@link Config#load}: these and {@link AutotuneSettings#KEYS}. */
    public static final List<ConfigKey<?>> KEYS = Stream.concat(Stream.<ConfigKey<?>>of(ROUTER_CACHE_CAPACITY, QUEUE_CAPACITY, QUEUE_OVERFLOW_POLICY,
            QUEUE_OVERFLOW_CAPACITY, QUEUE_BLOCK_TIMEOUT_MS, BATCH_SIZE, MAX_INFLIGHT, QUEUE_WATERMARK, IDEMPOTENCY_CAPACITY,
            IDEMPOTENCY_TTL_MS, RETRY_MAX_ATTEMPTS, RETRY_BACKOFF_MS, SUBSYSTEM_CONCURRENCY, DEAD_LETTER_CAPACITY), AutotuneSettings.KEYS.stream())
            .<ConfigKey<?>>map(k -> k).toList();

    public KernelConfig {
        if (overflowPolicy == null) throw new IllegalArgumentException("overflowPolicy is required");
        if (autotune == null) throw new IllegalArgumentException("autotune is required (AutotuneSettings.defaults() turns it off)");
    }

    public static KernelConfig defaults() {
        return from(Config.defaults(KEYS));
    }

    public static KernelConfig from(Config c) {
        return new KernelConfig(c.get(ROUTER_CACHE_CAPACITY), c.get(QUEUE_CAPACITY), OverflowPolicy.parse(c.get(QUEUE_OVERFLOW_POLICY)),
                c.get(QUEUE_OVERFLOW_CAPACITY), c.get(QUEUE_BLOCK_TIMEOUT_MS), c.get(BATCH_SIZE), c.get(MAX_INFLIGHT),
                c.get(QUEUE_WATERMARK), c.get(IDEMPOTENCY_CAPACITY), c.get(IDEMPOTENCY_TTL_MS), c.get(RETRY_MAX_ATTEMPTS),
                c.get(RETRY_BACKOFF_MS), c.get(SUBSYSTEM_CONCURRENCY), c.get(DEAD_LETTER_CAPACITY), AutotuneSettings.from(c));
    }

    /** The default mailbox shape. */
    public MailboxSettings mailbox() {
        return new MailboxSettings(queueCapacity, overflowPolicy, overflowCapacity, blockTimeoutMillis);
    }

    public KernelConfig withMaxInflight(int max) {
        return new KernelConfig(routerCacheCapacity, queueCapacity, overflowPolicy, overflowCapacity, blockTimeoutMillis, batchSize,
                max, queueWatermark, idempotencyCapacity, idempotencyTtlMillis, maxAttempts, retryBackoffMillis, concurrency, deadLetterCapacity, autotune);
    }

    public KernelConfig withMailbox(MailboxSettings m) {
        return new KernelConfig(routerCacheCapacity, m.capacity(), m.policy(), m.overflowCapacity(), m.blockTimeoutMillis(), batchSize,
                maxInflight, queueWatermark, idempotencyCapacity, idempotencyTtlMillis, maxAttempts, retryBackoffMillis, concurrency, deadLetterCapacity, autotune);
    }

    public KernelConfig withAutotune(AutotuneSettings a) {
        return new KernelConfig(routerCacheCapacity, queueCapacity, overflowPolicy, overflowCapacity, blockTimeoutMillis, batchSize,
                maxInflight, queueWatermark, idempotencyCapacity, idempotencyTtlMillis, maxAttempts, retryBackoffMillis, concurrency, deadLetterCapacity, a);
    }

    public KernelConfig withRetry(int attempts, long backoffMillis) {
        return new KernelConfig(routerCacheCapacity, queueCapacity, overflowPolicy, overflowCapacity, blockTimeoutMillis, batchSize,
                maxInflight, queueWatermark, idempotencyCapacity, idempotencyTtlMillis, attempts, backoffMillis, concurrency, deadLetterCapacity, autotune);
    }
}
