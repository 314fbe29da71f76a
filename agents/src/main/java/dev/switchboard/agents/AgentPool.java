package dev.switchboard.agents;

import dev.switchboard.mcp.McpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/*
 * The members of one agent and the choice among them. Why one lock: choosing a member, counting
 * its call and queueing a waiter must be one step, or two calls take the last slot of a member
 * at once; the lock is held for a scan of the members (tens, not thousands) and never across a
 * call. Choice is least outstanding calls, ties broken by a rotating start so equal members share
 * calls evenly. A call that finds every member at its concurrency limit waits in a priority
 * queue (primary + overflow places); when that is full the lowest priority (the newcomer or the
 * last waiter) is refused with an error that says so. Why not the kernel's priority mailbox: it
 * queues messages for a subsystem's workers, while a waiter here needs a member handed to it (or
 * a refusal) under the same lock that counts the member's calls.
 */
final class AgentPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentPool.class.getName());
    private static final long MAX_BACKOFF_MS = 30_000;
    static final long REPLACE_DELAY_MS = 250;

    final AgentSpec spec;
    final AgentsSettings settings;
    final List<Member> members = new CopyOnWriteArrayList<>();
    final AgentPoolCounters counters = new AgentPoolCounters();
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<WaitingCall> waiting = new TreeSet<>();
    private final Map<String, Member> bySession = new ConcurrentHashMap<>();
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean refreshAgain = new AtomicBoolean();
    private final Consumer<AgentPool> onCatalogue;
    /**
     * With {@code performance.autotune}, the agent's concurrency (all members together) adapts to
     * its latency; null otherwise. Per pool, not per member: the members share what limits the
     * agent (its host, its backend, one HTTP service), one limit learns from every call instead
     * of each from a fraction, and /metrics shows one figure per agent. A call over the limit
     * waits in the priority queue, as when every member is busy.
     */
    final dev.switchboard.kernel.AdaptiveLimit adaptive;
    private volatile AgentCatalogue catalogue = AgentCatalogue.EMPTY;
    /** Hears a member's notifications/resources/updated, and learns of a lost member (its subscriptions moved): set by the gateway. */
    volatile java.util.function.BiConsumer<Member, String> onResourceUpdated = (m, uri) -> {};
    volatile Consumer<Member> onLost = m -> {};
    private volatile String failure;
    private volatile boolean closed;
    private int rotation;
    private Thread keeper;
    /** Released to wake the keeper early (a member was lost); never interrupts a start in progress. */
    private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);

    AgentPool(AgentSpec spec, AgentsSettings settings, Consumer<AgentPool> onCatalogue) {
        this(spec, settings, null, onCatalogue);
    }

    AgentPool(AgentSpec spec, AgentsSettings settings, dev.switchboard.kernel.AutotuneSettings autotune, Consumer<AgentPool> onCatalogue) {
        this.adaptive = autotune != null && autotune.enabled() ? dev.switchboard.kernel.AdaptiveLimit.create("agent:" + spec.name(), autotune, null) : null;
        this.spec = spec;
        this.settings = settings;
        this.onCatalogue = onCatalogue;
    }

    /** Starts the pool's keeper: it brings the pool to its minimum (retrying with backoff), pings, replaces and trims members. */
    AgentPool start() {
        keeper = Thread.ofVirtual().name("agent-" + spec.name()).start(this::keep);
        return this;
    }

    AgentCatalogue catalogue() {
        return catalogue;
    }

    /** Why the agent has no member, or null when it has one (or is still starting its first). */
    String failure() {
        return failure;
    }

    /** False while a gateway has yet to warm the server's call path for this agent (ready waits for it). */
    volatile boolean callPathWarm = true;

    boolean ready() {
        return !members.isEmpty() && callPathWarm;
    }

    int queued() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    // ---- choosing a member

    /**
     * A member with a free slot for a call of {@code session}, waiting (by {@code priority}) up to
     * the agent's timeout when all are busy; its call is counted until {@link #release}.
     *
     * @throws McpException when the agent has no member, the queue is full, or the wait timed out
     */
    Member acquire(String session, int priority, Set<Member> exclude) throws InterruptedException {
        if (members.isEmpty() && failure != null)
            throw AgentErrors.fail(AgentErrors.UNAVAILABLE, "agent '" + spec.name() + "' is not available: " + failure + "; it is being restarted");
        if (!members.isEmpty() && openCircuits() == members.size())
            throw AgentErrors.fail(AgentErrors.UNAVAILABLE, "agent '" + spec.name() + "' is not available: the circuit of every member ("
                    + members.size() + ") is open after repeated failures or timeouts; retry in a few seconds");
        Member pinned = spec.affinity() == Affinity.SESSION && session != null ? bySession.get(session) : null;
        if (pinned != null && pinned.dead()) pinned = null;
        WaitingCall me;
        lock.lock();
        try {
            Member chosen = pinned != null ? (hasSlot(pinned) ? pinned : null) : choose(exclude);
            boolean memberFree = chosen != null;
            if (memberFree && (adaptive == null || adaptive.tryAcquire())) return take(chosen, session);
            me = new WaitingCall(priority, seq.incrementAndGet(), pinned, lock.newCondition());
            int capacity = settings.queuePrimary() + settings.queueOverflow();
            if (waiting.size() >= capacity) {
                WaitingCall lowest = waiting.isEmpty() ? null : waiting.last();
                if (lowest == null || lowest.priority >= priority) {
                    counters.refused.incrementAndGet();
                    throw AgentErrors.fail(AgentErrors.BUSY, "agent '" + spec.name() + "' is busy: every member is at its limit of "
                            + settings.memberConcurrency() + " calls and its queue (" + settings.queuePrimary() + " + " + settings.queueOverflow()
                            + " overflow) is full; this call's priority " + priority + " is not above the lowest waiting");
                }
                waiting.remove(lowest);
                lowest.refused = "agent '" + spec.name() + "' is busy: its queue is full and a call of higher priority (" + priority
                        + ") took this call's place (priority " + lowest.priority + ")";
                counters.refused.incrementAndGet();
                lowest.wakeUp.signal();
            }
            waiting.add(me);
            if (!memberFree) grow(); // a wait for the adaptive limit is not one for another member
            long remaining = TimeUnit.MILLISECONDS.toNanos(spec.timeoutMs());
            try {
                while (me.assigned == null && me.refused == null) {
                    if (remaining <= 0) {
                        waiting.remove(me);
                        throw AgentErrors.fail(AgentErrors.TIMEOUT, "agent '" + spec.name() + "': no member was free within " + spec.timeoutMs()
                                + " ms (" + members.size() + " members, " + waiting.size() + " calls waiting)");
                    }
                    remaining = me.wakeUp.awaitNanos(remaining);
                }
            } catch (InterruptedException e) {
                waiting.remove(me);
                if (me.assigned != null) release(me.assigned);
                throw e;
            }
            if (me.refused != null) throw AgentErrors.fail(AgentErrors.BUSY, me.refused);
            if (session != null && spec.affinity() == Affinity.SESSION) bySession.putIfAbsent(session, me.assigned);
            return me.assigned;
        } finally {
            lock.unlock();
        }
    }

    /** The call on {@code member} ended, telling the adaptive limit nothing: its slot goes to the first waiter it suits. */
    void release(Member member) {
        release(member, 0, dev.switchboard.kernel.AdaptiveLimit.Result.IGNORED);
    }

    /** The call on {@code member}, given it at {@code startNanos} ({@link System#nanoTime}), ended as {@code result}. */
    void release(Member member, long startNanos, dev.switchboard.kernel.AdaptiveLimit.Result result) {
        lock.lock();
        try {
            if (adaptive != null) adaptive.release(startNanos, result);
            member.outstanding.decrementAndGet();
            dispatch();
        } finally {
            lock.unlock();
        }
    }

    private Member take(Member m, String session) {
        m.outstanding.incrementAndGet();
        if (session != null && spec.affinity() == Affinity.SESSION) bySession.putIfAbsent(session, m);
        return m;
    }

    private boolean hasSlot(Member m) {
        return !m.dead() && !m.circuitOpen() && m.outstanding.get() < settings.memberConcurrency();
    }

    /** Members whose circuit is open now. */
    int openCircuits() {
        int n = 0;
        for (Member m : members) if (m.circuitOpen()) n++;
        return n;
    }

    /** Least outstanding calls among the live members with a free slot, ties from a rotating start; under the lock. */
    private Member choose(Set<Member> exclude) {
        int n = members.size();
        if (n == 0) return null;
        Member best = null;
        int start = rotation++ & Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Member m = members.get((start + i) % n);
            if (!hasSlot(m) || exclude.contains(m)) continue;
            if (best == null || m.outstanding.get() < best.outstanding.get()) best = m;
        }
        return best;
    }

    /** Hands free slots to waiters in priority order; under the lock. */
    private void dispatch() {
        for (var it = waiting.iterator(); it.hasNext(); ) {
            WaitingCall w = it.next();
            Member m = w.pinned != null ? (hasSlot(w.pinned) ? w.pinned : w.pinned.dead() ? choose(Set.of()) : null) : choose(Set.of());
            if (m == null) {
                if (w.pinned == null) return; // nothing free for anyone unpinned
                continue;
            }
            if (adaptive != null && !adaptive.tryAcquire()) return; // the agent is at its adaptive limit
            m.outstanding.incrementAndGet();
            w.assigned = m;
            it.remove();
            w.wakeUp.signal();
        }
    }

    /** Starts one more member in the background when calls wait and the pool may grow; under the lock. */
    private void grow() {
        if (members.size() + starting.get() < spec.pool().max() && starting.get() < Math.max(1, waiting.size() / settings.memberConcurrency())) {
            starting.incrementAndGet();
            Thread.ofVirtual().name("agent-" + spec.name() + "-grow").start(() -> {
                try {
                    addMember();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "agent {0}: could not start another member: {1}", spec.name(), e.getMessage());
                } finally {
                    starting.decrementAndGet();
                }
            });
        }
    }

    // ---- members' lives

    private void addMember() {
        Member m = Member.start(spec, nextId.incrementAndGet(), settings.startTimeoutMs(), method -> refreshCatalogue(),
                (member, uri) -> onResourceUpdated.accept(member, uri),
                refused -> (refused.reason() == dev.switchboard.client.McpClientException.Reason.TOO_LARGE ? counters.oversized : counters.unreadable)
                        .incrementAndGet());
        if (closed) {
            m.kill("the pool closed");
            return;
        }
        boolean first = members.isEmpty() && catalogue == AgentCatalogue.EMPTY;
        // every member lists the catalogue before it joins: the first to learn it, the others to warm the server's request path
        AgentCatalogue listed = AgentCatalogue.of(m);
        if (first) catalogue = listed;
        if (!listed.tools().isEmpty()) warmToolCalls(m); // every member: the agent process has a first call too
        lock.lock();
        try {
            members.add(m);
            failure = null;
            dispatch();
        } finally {
            lock.unlock();
        }
        if (first) onCatalogue.accept(this);
    }

    /**
     * Runs the whole tools/call path before a client's first call: measured with
     * server-everything, the process's first tools/call took 90-110 ms and the next 1-3 ms, and a
     * new Node process's first call about 3 ms, so the cost is this JVM's (the client's codec
     * building its readers for call results, the classes of the call path), not the agent's.
     * A tool name that cannot exist is called: the agent answers it with an error and nothing
     * runs, as the protocol requires of an unknown tool.
     */
    private void warmToolCalls(Member m) {
        long start = System.nanoTime();
        int requests = MemberWarmUp.run(m);
        AgentCall.warmDeadlines();
        LOG.log(System.Logger.Level.DEBUG, "agent {0}: member {1} warmed with {2} requests in {3} ms", spec.name(), m.id, requests,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** A member's connection or process ended: it leaves the pool (its calls fail on their own) and the keeper replaces it. */
    void lost(Member m, String cause) {
        // closing waits for the process to exit: off the caller's thread, so its retry starts at once
        Thread.ofVirtual().name("agent-" + spec.name() + "-close").start(() -> m.kill(cause));
        if (members.remove(m)) {
            counters.restarts.incrementAndGet();
            bySession.values().removeIf(x -> x == m);
            onLost.accept(m);
            LOG.log(System.Logger.Level.WARNING, "agent {0}: member {1} lost ({2}); replacing it", spec.name(), m.id, cause);
            // spawning the replacement takes a core for a while: let the lost member's calls fail over first
            Thread.ofVirtual().name("agent-" + spec.name() + "-replace").start(() -> {
                try {
                    Thread.sleep(REPLACE_DELAY_MS);
                } catch (InterruptedException ignored) {
                    // replace now
                }
                wake.release();
            });
        }
    }

    /**
     * Lists the agent's offer again (after its {@code list_changed}) and tells the gateway. A notice
     * that comes while a listing runs makes it list once more when it ends: the listing under way
     * may have been read before the change (dropping the notice lost the agent's second change).
     */
    void refreshCatalogue() {
        refreshAgain.set(true);
        if (refreshing.compareAndSet(false, true)) Thread.ofVirtual().name("agent-" + spec.name() + "-refresh").start(this::refreshWhileAsked);
    }

    private void refreshWhileAsked() {
        do {
            while (refreshAgain.getAndSet(false)) {
                try {
                    for (Member m : members) {
                        if (m.dead()) continue;
                        catalogue = AgentCatalogue.of(m);
                        break;
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "agent {0}: listing after list_changed failed: {1}", spec.name(), e.getMessage());
                }
                onCatalogue.accept(this);
            }
            refreshing.set(false);
        } while (refreshAgain.get() && refreshing.compareAndSet(false, true)); // a notice between the last look and the reset
    }

    /** The session ended: its member pin goes (it grew with every session of an agent with affinity "session"). */
    void forget(String session) {
        bySession.remove(session);
    }

    /** Sessions pinned to a member (affinity "session"). */
    int pinnedSessions() {
        return bySession.size();
    }

    private void keep() {
        long backoff = settings.restartBackoffMs();
        while (!closed) {
            try {
                while (!closed && startIfBelow(spec.pool().min())) backoff = settings.restartBackoffMs();
                if (spec.pool().min() == 0 && catalogue == AgentCatalogue.EMPTY) startIfBelow(1); // one to learn the catalogue
                check();
                sleep(settings.healthIntervalMs());
            } catch (InterruptedException e) {
                // woken to replace a lost member, or closed
            } catch (RuntimeException e) {
                if (closed) return;
                if (members.isEmpty()) failure = describe(e);
                counters.startFailures.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "agent {0} cannot start a member: {1}; retrying in {2} ms", spec.name(), describe(e), backoff);
                try {
                    sleep(backoff);
                } catch (InterruptedException ignored) {
                    // retry now
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /*
     * Starts one member when the pool, counting the members being started, is below {@code target}.
     * Decided under the lock and counted in {@code starting} like grow()'s starts, so that the two
     * never both start the member that takes the pool past its maximum.
     */
    private boolean startIfBelow(int target) {
        lock.lock();
        try {
            if (members.size() + starting.get() >= target) return false;
            starting.incrementAndGet();
        } finally {
            lock.unlock();
        }
        try {
            addMember();
        } finally {
            starting.decrementAndGet();
        }
        return true;
    }

    /**
     * Pings idle members, all at once, each bounded by {@link #pingTimeoutMs} (a member that fails
     * or does not answer in time is lost), and closes members idle past idleMs beyond the minimum.
     * Why at once and bounded: one after another with the client's request timeout (20 s or the
     * agent's timeoutMs), one member alive but silent held this keeper for that long, and no other
     * member of the agent was checked or replaced meanwhile.
     */
    private void check() throws InterruptedException {
        long now = System.nanoTime();
        Map<Member, java.util.concurrent.Future<?>> pings = new java.util.LinkedHashMap<>();
        try (var pinging = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Member m : members) if (m.outstanding.get() == 0) pings.put(m, pinging.submit(() -> m.client.ping()));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pingTimeoutMs());
            for (var e : pings.entrySet()) {
                try {
                    e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException t) {
                    e.getValue().cancel(true);
                    lost(e.getKey(), "no answer to ping within " + pingTimeoutMs() + " ms");
                } catch (java.util.concurrent.ExecutionException x) {
                    lost(e.getKey(), "ping failed: " + describe(x.getCause()));
                }
            }
        }
        for (Member m : pings.keySet()) {
            if (m.dead()) continue;
            if (members.size() > spec.pool().min() && m.subscriptions.get() == 0 && now - m.lastUsedNanos > TimeUnit.MILLISECONDS.toNanos(spec.pool().idleMs())) {
                lock.lock();
                try {
                    if (m.outstanding.get() > 0) continue;
                    members.remove(m);
                } finally {
                    lock.unlock();
                }
                m.kill("idle");
            }
        }
    }

    /** How long an idle member has to answer a health ping: the health interval, at least 5 s. */
    long pingTimeoutMs() {
        return Math.max(PING_TIMEOUT_MIN_MS, settings.healthIntervalMs());
    }

    private static final long PING_TIMEOUT_MIN_MS = 5_000;

    private void sleep(long ms) throws InterruptedException {
        if (wake.tryAcquire(ms, TimeUnit.MILLISECONDS)) wake.drainPermits();
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        closed = true;
        Thread k = keeper;
        if (k != null) k.interrupt();
        for (Member m : members) m.kill("the gateway closed");
        members.clear();
        lock.lock();
        try {
            for (WaitingCall w : waiting) {
                w.refused = "agent '" + spec.name() + "' closed";
                w.wakeUp.signal();
            }
            waiting.clear();
        } finally {
            lock.unlock();
        }
    }

    List<Member> snapshot() {
        return new ArrayList<>(members);
    }
}
