package dev.switchboard.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The message kernel: routes messages to subsystems, bounds what is in flight, signals
 * backpressure, hosts the event bus, and keeps the books.
 *
 * <pre>{@code
 * Kernel kernel = Kernel.create(KernelConfig.defaults());
 * kernel.register(Subsystem.builder("math").route("math://add/{a}/{b}", d ->
 *     Integer.parseInt(d.param("a")) + Integer.parseInt(d.param("b"))).build());
 * Outcome o = kernel.submit(Message.of("math://add/2/3", null)).join();   // Delivered[value=5]
 * }</pre>
 *
 * <p>Admission is offer-style: past {@code performance.maxInflight} a submission is
 * {@link Outcome.Refused refused} at once rather than queued. With {@code performance.autotune} on,
 * each subsystem also has an {@link AdaptiveLimit} that adapts to its latency, and a submission past
 * its subsystem's limit is refused with that limit's {@link Outcome.Refused#retryAfterMs() wait};
 * {@code performance.maxInflight} stays the kernel-wide ceiling. Everything admitted is accepted into the
 * {@link Ledger} and ends delivered or dead-lettered; nothing is dropped silently.
 */
public final class Kernel implements AutoCloseable {
    private final KernelConfig config;
    private final Router router;
    private final Map<String, RunningSubsystem> subsystems = new ConcurrentHashMap<>();
    private final DeadLetters deadLetters;
    private final Backpressure backpressure = new Backpressure();
    private final EventBus bus;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Accepted messages whose handlers wait outside the server ({@link Capacity#park}); not counted in {@link #inFlight}. */
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicBoolean inFlightHigh = new AtomicBoolean();
    private final int inFlightHighMark;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder doubleEnds = new LongAdder();
    private volatile boolean closed;
    /** Whether subsystems admit through their {@link AdaptiveLimit}; read once per submission. */
    private final boolean adaptive;
    private final java.util.ArrayDeque<LimitChange> limitChanges = new java.util.ArrayDeque<>();
    private static final int LIMIT_CHANGES_KEPT = 100;

    private Kernel(KernelConfig config) {
        this.config = config;
        this.router = new Router(config.routerCacheCapacity());
        this.deadLetters = new DeadLetters(config.deadLetterCapacity());
        this.inFlightHighMark = Math.max(1, (int) Math.ceil(config.maxInflight() * config.queueWatermark()));
        this.bus = new EventBus(this, config);
        this.adaptive = config.autotune().enabled();
    }

    public static Kernel create(KernelConfig config) {
        return new Kernel(config);
    }

    public static Kernel create() {
        return new Kernel(KernelConfig.defaults());
    }

    /** Registers a subsystem and its routes; a second subsystem of the same name is an error. */
    public synchronized void register(Subsystem subsystem) {
        if (closed) throw new IllegalStateException("kernel is closed");
        if (subsystems.containsKey(subsystem.name()) || router.hasSubsystem(subsystem.name()))
            throw new IllegalArgumentException("subsystem '" + subsystem.name() + "' is already registered");
        RunningSubsystem running = new RunningSubsystem(subsystem, this, config);
        try {
            for (Route r : subsystem.routes()) router.add(r);
        } catch (RuntimeException e) {
            router.removeSubsystem(subsystem.name());
            closeQuietly(running);
            throw e;
        }
        subsystems.put(subsystem.name(), running);
    }

    /**
     * Adds {@code route} to its registered subsystem while the kernel runs (an MCP tool added at run
     * time, an agent's tools appearing): from now on the router sends its paths there.
     */
    public synchronized void addRoute(Route route) {
        String subsystem = RoutePattern.parse(route.pattern()).subsystem();
        if (!subsystems.containsKey(subsystem))
            throw new IllegalArgumentException("route '" + route.pattern() + "' names subsystem '" + subsystem + "', which is not registered");
        router.add(route);
    }

    /** Removes the route registered with exactly {@code pattern}; {@code false} when there was none. */
    public synchronized boolean removeRoute(String pattern) {
        return router.remove(pattern);
    }

    /**
     * Submits {@code message} to the route its path names. Never throws and never completes
     * exceptionally: the future ends with an {@link Outcome}. Refusals and routing failures complete
     * before this returns.
     */
    public CompletableFuture<Outcome> submit(Message message) {
        if (adaptive) return submitAdaptively(message);
        if (!admit(1)) return CompletableFuture.completedFuture(refusal());
        return routed(message, router.match(message.path()), null);
    }

    /** Autotune on: the route is matched first, so its subsystem's adaptive limit can refuse before anything is accepted. */
    private CompletableFuture<Outcome> submitAdaptively(Message message) {
        RouteMatch match = router.match(message.path());
        AdaptiveLimit limit = null;
        if (match instanceof RouteMatch.Found found && subsystems.get(found.subsystem()) instanceof RunningSubsystem s) {
            limit = s.limit();
            if (!limit.tryAcquire()) {
                refused.increment();
                return CompletableFuture.completedFuture(new Outcome.Refused("server overloaded: subsystem '" + s.name() + "' is at its adaptive limit of "
                        + limit.limit() + " calls in flight (performance.autotune); retry after " + limit.retryAfterMillis() + " ms", limit.retryAfterMillis()));
            }
        }
        if (!admit(1)) {
            if (limit != null) limit.release(0, AdaptiveLimit.Result.IGNORED);
            return CompletableFuture.completedFuture(refusal());
        }
        return routed(message, match, limit);
    }

    /** An admitted message: ends it at once when it cannot be delivered, else hands it to its subsystem. */
    private CompletableFuture<Outcome> routed(Message message, RouteMatch match, AdaptiveLimit limit) {
        if (match instanceof RouteMatch.NotFound nf) return ended(message, null, DeadLetter.Reason.NO_ROUTE, nf.reason());
        RouteMatch.Found found = (RouteMatch.Found) match;
        Job job = limit == null ? new Job(message, found.route(), found.params())
                : new LimitedJob(message, found.route(), found.params(), limit, limit.now());
        ScopeRequirement requirement = found.route().requirement();
        if (requirement != null) {
            String denial = requirement.denialFor(message.metadata().caller());
            if (denial != null) {
                String detail = denial + " required by route '" + found.route().pattern() + "'";
                return ended(job, DeadLetter.Reason.DENIED, detail, new ScopeDenial(requirement, detail));
            }
        }
        if (message.metadata().expiredAt(System.currentTimeMillis()))
            return ended(job, DeadLetter.Reason.EXPIRED, "deadline passed before submission of '" + message.path() + "'");
        RunningSubsystem subsystem = subsystems.get(found.subsystem());
        if (subsystem == null) return ended(job, DeadLetter.Reason.NO_ROUTE, "subsystem '" + found.subsystem() + "' is not running");
        subsystem.accept(job);
        return job.reply;
    }

    /** Submits and waits: for callers already on a virtual thread. */
    public Outcome call(Message message) {
        return submit(message).join();
    }

    private CompletableFuture<Outcome> ended(Message message, RouteMatch.Found found, DeadLetter.Reason reason, String detail) {
        return ended(new Job(message, found == null ? null : found.route(), found == null ? Map.of() : found.params()), reason, detail);
    }

    private CompletableFuture<Outcome> ended(Job job, DeadLetter.Reason reason, String detail) {
        return ended(job, reason, detail, null);
    }

    private CompletableFuture<Outcome> ended(Job job, DeadLetter.Reason reason, String detail, Throwable cause) {
        end(job, new Outcome.Undelivered(reason, detail, cause));
        return job.reply;
    }

    private Outcome.Refused refusal() {
        return new Outcome.Refused(closed ? "kernel is closed"
                : "server overloaded: " + config.maxInflight() + " messages in flight (performance.maxInflight); retry after a short backoff");
    }

    /** Reserves {@code n} in-flight slots and accepts {@code n} messages, or refuses all of them. */
    boolean admit(int n) {
        if (closed) {
            refused.increment();
            return false;
        }
        int now = inFlight.addAndGet(n);
        if (now > config.maxInflight()) {
            release(n);
            refused.increment();
            return false;
        }
        if (now >= inFlightHighMark) backpressure.raise(inFlightHigh);
        accepted.add(n);
        return true;
    }

    Outcome.Refused refusedOutcome() {
        return refusal();
    }

    private void release(int n) {
        int now = inFlight.addAndGet(-n);
        if (now < inFlightHighMark) backpressure.lower(inFlightHigh);
    }

    /** A running handler parks its slot: counted as parked first, so in-flight + parked never undercounts. */
    void park() {
        parked.incrementAndGet();
        release(1);
    }

    /** A parked handler resumes: its slot comes back even past the limit (it was admitted already). */
    void unpark() {
        int now = inFlight.incrementAndGet();
        if (now >= inFlightHighMark) backpressure.raise(inFlightHigh);
        parked.decrementAndGet();
    }

    /** Ends a routed job: accounts for it once, frees its slot, completes its future. */
    void end(Job job, Outcome outcome) {
        if (!job.claimEnd()) {
            doubleEnds.increment();
            return;
        }
        settle(job.message, outcome);
        if (job instanceof LimitedJob limited) limited.releaseSlot(outcome);
        job.reply.complete(outcome);
    }

    /** Books one accepted message as delivered or dead-lettered and frees its in-flight slot. */
    void settle(Message message, Outcome outcome) {
        switch (outcome) {
            case Outcome.Delivered d -> delivered.increment();
            case Outcome.Undelivered u -> {
                deadLetters.record(new DeadLetter(message, u.reason(), u.detail(), u.cause(), System.currentTimeMillis()));
                deadLettered.increment();
            }
            case Outcome.Refused r -> throw new IllegalStateException("a refused message was never accepted: " + r.detail());
        }
        release(1);
    }

    /** Keeps a change of a subsystem's adaptive limit for {@link #limitChanges()}; it was logged already. */
    void recordLimitChange(LimitChange change) {
        synchronized (limitChanges) {
            if (limitChanges.size() == LIMIT_CHANGES_KEPT) limitChanges.removeFirst();
            limitChanges.addLast(change);
        }
    }

    /** The last 100 changes of the subsystems' adaptive limits, oldest first (empty when autotune is off). */
    public List<LimitChange> limitChanges() {
        synchronized (limitChanges) {
            return List.copyOf(limitChanges);
        }
    }

    /**
     * The adaptive limit of the subsystem a topic or path names ({@code tools://…} → {@code tools}), which the
     * bus's deliveries to it go through; {@code null} when autotune is off or no such subsystem runs.
     */
    AdaptiveLimit adaptiveLimitOf(String path) {
        if (!adaptive) return null;
        int end = path.indexOf("://");
        return end > 0 && subsystems.get(path.substring(0, end)) instanceof RunningSubsystem s ? s.limit() : null;
    }

    /** Each subsystem's adaptive limit, by name; empty unless {@code performance.autotune} is on. */
    public Map<String, AdaptiveLimit> adaptiveLimits() {
        Map<String, AdaptiveLimit> out = new LinkedHashMap<>();
        subsystems.values().stream().filter(s -> s.limit() != null).sorted(java.util.Comparator.comparing(RunningSubsystem::name))
                .forEach(s -> out.put(s.name(), s.limit()));
        return out;
    }

    public EventBus bus() {
        return bus;
    }

    public Router router() {
        return router;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public Backpressure backpressure() {
        return backpressure;
    }

    public KernelConfig config() {
        return config;
    }

    /**
     * Accepted messages not yet ended and not parked: what {@code performance.maxInflight} bounds.
     * At a quiet moment {@code inFlight() + parked() == ledger().pending()}.
     */
    public int inFlight() {
        return inFlight.get();
    }

    /** Accepted messages whose handlers have {@linkplain Capacity#park parked} their capacity to wait outside the server. */
    public int parked() {
        return parked.get();
    }

    public Ledger ledger() {
        // delivered and dead-lettered are read before accepted, so a snapshot taken under load
        // never shows more ended than accepted.
        long d = delivered.sum();
        long dl = deadLettered.sum();
        return new Ledger(accepted.sum(), d, dl, refused.sum());
    }

    /** Times a message was ended twice; always 0 unless the kernel has a bug. Tests watch it. */
    public long doubleEnds() {
        return doubleEnds.sum();
    }

    /** Each subsystem's health, by name. */
    public Map<String, Health> health() {
        Map<String, Health> out = new LinkedHashMap<>();
        subsystems.values().stream().sorted(java.util.Comparator.comparing(RunningSubsystem::name))
                .forEach(s -> out.put(s.name(), s.health()));
        return out;
    }

    /** Each subsystem's mailbox counters, by name. */
    public Map<String, MailboxStats> mailboxStats() {
        Map<String, MailboxStats> out = new LinkedHashMap<>();
        subsystems.values().stream().sorted(java.util.Comparator.comparing(RunningSubsystem::name))
                .forEach(s -> out.put(s.name(), s.stats()));
        return out;
    }

    public List<String> subsystems() {
        return subsystems.keySet().stream().sorted().toList();
    }

    /** Refuses new work, stops the workers, and dead-letters anything still queued as SHUTDOWN. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        subsystems.values().forEach(this::closeQuietly);
        bus.close();
    }

    private void closeQuietly(RunningSubsystem s) {
        try {
            s.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
