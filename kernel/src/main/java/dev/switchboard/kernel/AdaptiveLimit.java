package dev.switchboard.kernel;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A concurrency limit that adapts to latency: Netflix concurrency-limits (Vegas or Gradient2)
 * proposes, and a guard applies the proposal once per window within bounds, at most
 * {@code maxChange} per window, and rolls back to the last good limit when p99 or the error rate
 * worsens past a tolerance. The kernel keeps one per subsystem when {@code performance.autotune}
 * is on; anything else that calls out (an agent pool, per agent) can keep its own:
 *
 * <pre>{@code
 * AdaptiveLimit limit = AdaptiveLimit.create("agent:search", settings, change -> log(change));
 * if (!limit.tryAcquire()) return overloaded(limit.retryAfterMillis());
 * long start = limit.now();
 * try { callAgent(); limit.release(start, AdaptiveLimit.Result.SUCCESS); }
 * catch (Exception e) { limit.release(start, AdaptiveLimit.Result.ERROR); throw e; }
 * }</pre>
 *
 * <p>Every change is logged ({@code System.Logger}, INFO; rollbacks WARNING) and handed to the listener.
 */
public final class AdaptiveLimit {
    private static final System.Logger LOG = System.getLogger(AdaptiveLimit.class.getName());

    /** How an admitted call ended, as the limit learns from it. */
    public enum Result {
        /** Completed: its latency is a sample. */
        SUCCESS,
        /** Failed: a sample, and counted in the window's error rate. */
        ERROR,
        /** Dropped or timed out for lack of capacity: the algorithm backs off; counted as an error. */
        DROPPED,
        /** Says nothing about capacity (cancelled, waited on a person): no sample. */
        IGNORED
    }

    private final String name;
    private final Limit algorithm;
    private final LimitGuard guard;
    private final LatencyWindow window = new LatencyWindow();
    private final LongSupplier clock;
    private final long windowNanos;
    private final Consumer<LimitChange> listener;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder changes = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile int limit;
    private volatile long windowStart;
    private volatile double lastP99Millis = Double.NaN;
    private long refusedAtWindowStart;

    private AdaptiveLimit(String name, AutotuneSettings settings, Consumer<LimitChange> listener, LongSupplier clock) {
        this.name = name;
        this.algorithm = algorithm(settings);
        this.guard = new LimitGuard(settings);
        this.clock = clock;
        this.windowNanos = settings.windowMillis() * 1_000_000L;
        this.listener = listener == null ? c -> {} : listener;
        this.limit = guard.limit();
        this.windowStart = clock.getAsLong();
    }

    /** A limit on the system clock; {@code listener} (may be {@code null}) hears every change. */
    public static AdaptiveLimit create(String name, AutotuneSettings settings, Consumer<LimitChange> listener) {
        return new AdaptiveLimit(name, settings, listener, System::nanoTime);
    }

    /** A limit on {@code nanoClock}: tests and simulations drive time themselves. */
    static AdaptiveLimit create(String name, AutotuneSettings settings, Consumer<LimitChange> listener, LongSupplier nanoClock) {
        return new AdaptiveLimit(name, settings, listener, nanoClock);
    }

    private static Limit algorithm(AutotuneSettings s) {
        return switch (s.algorithm()) {
            case "gradient2" -> Gradient2Limit.newBuilder().initialLimit(s.initialLimit()).minLimit(s.minLimit()).maxConcurrency(s.maxLimit()).build();
            case "vegas" -> VegasLimit.newBuilder().initialLimit(s.initialLimit()).maxConcurrency(s.maxLimit()).build();
            default -> throw new IllegalArgumentException("unknown autotune algorithm '" + s.algorithm() + "'");
        };
    }

    /** Takes a slot when fewer than {@link #limit()} calls are in flight; {@code false} (counted as refused) otherwise. */
    public boolean tryAcquire() {
        if (tryTake()) return true;
        refused.increment();
        return false;
    }

    /** Takes a slot if one is free, without counting a refusal: for a caller that already counted one and tries again. */
    boolean tryTake() {
        for (;;) {
            int n = inFlight.get();
            if (n >= limit) return false;
            if (inFlight.compareAndSet(n, n + 1)) return true;
        }
    }

    /** The clock the limit measures with: pass its reading at admission to {@link #release}. */
    public long now() {
        return clock.getAsLong();
    }

    /** Gives back a slot taken at {@code startNanos} (from {@link #now}) and learns from how the call ended. */
    public void release(long startNanos, Result result) {
        int before = inFlight.getAndDecrement();
        if (result == Result.IGNORED) return;
        long now = clock.getAsLong();
        long rtt = Math.max(1, now - startNanos);
        algorithm.onSample(startNanos, rtt, before, result == Result.DROPPED);
        window.record(rtt, result != Result.SUCCESS, before);
        if (now - windowStart >= windowNanos) closeWindow(now);
    }

    /** A call in flight stops counting (it waits outside, on a person); {@link #rejoin} counts it again, past the limit if need be. */
    void leave() {
        inFlight.decrementAndGet();
    }

    void rejoin() {
        inFlight.incrementAndGet();
    }

    private synchronized void closeWindow(long now) {
        if (now - windowStart < windowNanos) return; // another thread closed it
        windowStart = now;
        LatencyWindow.Summary w = window.drain();
        if (w.samples() > 0) lastP99Millis = w.p99Nanos() / 1e6;
        long refusedNow = refused.sum();
        LimitGuard.Decision d = guard.onWindow(algorithm.getLimit(), w.samples(), w.p99Nanos(), w.errorRate(), refusedNow - refusedAtWindowStart, w.peakInFlight());
        refusedAtWindowStart = refusedNow;
        if (d.kind() == LimitGuard.Kind.KEEP) return;
        limit = d.to();
        boolean rollback = d.kind() == LimitGuard.Kind.ROLLBACK;
        (rollback ? rollbacks : changes).increment();
        LimitChange change = new LimitChange(name, rollback, d.from(), d.to(), w.p99Nanos() / 1e6, w.errorRate(), d.reason(), System.currentTimeMillis());
        LOG.log(rollback ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                () -> String.format("adaptive limit %s: %s %d -> %d (window: %d calls, p99 %.2f ms, errors %.3f): %s",
                        name, rollback ? "rolled back" : "changed", d.from(), d.to(), w.samples(), change.p99Millis(), w.errorRate(), d.reason()));
        listener.accept(change);
    }

    public String name() {
        return name;
    }

    /** Calls admitted now. */
    public int limit() {
        return limit;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Changes applied from the algorithm's proposals (rollbacks not included). */
    public long changes() {
        return changes.sum();
    }

    public long rollbacks() {
        return rollbacks.sum();
    }

    /** Calls {@link #tryAcquire} turned away. */
    public long refused() {
        return refused.sum();
    }

    /**
     * What a refused caller is told to wait: the last window's p99 (a slot frees about then),
     * between 10 ms and 1 s; 100 ms before any window has closed.
     */
    public long retryAfterMillis() {
        double p99 = lastP99Millis;
        if (Double.isNaN(p99)) return Outcome.Refused.RETRY_AFTER_MS;
        return Math.clamp((long) Math.ceil(p99), 10, 1_000);
    }
}
