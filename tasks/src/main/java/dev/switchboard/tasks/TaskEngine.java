package dev.switchboard.tasks;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Runs tools as durable tasks on a {@link TaskStore}: creates them (durably, after the caps
 * allow it), runs each on a virtual thread, moves them through their states by compare-and-set,
 * answers lookups for their owner only, expires them after their TTL, and at start resumes what a
 * crash left behind: retry-safe tasks run again, the others end {@code failed} with "server
 * restarted during the task". Knows nothing of MCP: results are JSON text.
 */
public final class TaskEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TaskEngine.class.getName());
    /** The message a non-retry-safe task ends with when the server restarted during it. */
    public static final String RESTARTED = "server restarted during the task";
    /** The message a non-retry-safe task ends with when the node running it stopped (a shared store). */
    public static final String NODE_LOST = "the node running the task stopped during it";
    /**
     * With a shared store, how many claim leases a task whose tool this node does not serve may wait
     * (since its record last changed) for a node that serves it; it is handed back meanwhile, and
     * ended as not served once they passed. Why: nodes of one cluster need not serve the same tools
     * (an agent that starts on one node and not on another, a node still registering its agents),
     * and such a node failed every ticket of the tool it was dealt, where a node serving it would
     * have run it. Why a bound: when no node serves the tool, the task gets its answer (an error
     * naming the tool) rather than waiting out its TTL.
     */
    static final int UNSERVED_WAIT_LEASES = 10;
    /** How long a handed-back ticket stays out of the queue, so the nodes that cannot run it do not spin on it. */
    static final long HAND_BACK_DELAY_MS = 250;

    private final TaskStore store;
    private final TaskLimits limits;
    private final Function<String, Optional<TaskTool>> tools;
    private final LongSupplier clock;
    private final String worker = "worker-" + TaskIds.next();
    private final Map<String, RunningTask> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TaskRecord>> finals = new ConcurrentHashMap<>();
    private final RunningSlots slots;
    private final LedgerCounts ledger = new LedgerCounts();
    private final ScheduledExecutorService sweeper;
    private final StatusListeners statusListeners = new StatusListeners();
    /** Once closed, work still finishing leaves the store alone: its task stays live for the next start. */
    private volatile boolean closed;
    /** The store's claim lease; 0 for a store private to this process. */
    private final long lease;
    /** Takes work from a shared store and renews claims; null for a private store. */
    private final SharedStoreWork shared;

    /**
     * @param store  where tasks live; the engine does not close it
     * @param limits caps and TTLs
     * @param tools  the tool a task runs, by name (also used at restart)
     * @param clock  epoch milliseconds
     */
    public TaskEngine(TaskStore store, TaskLimits limits, Function<String, Optional<TaskTool>> tools, LongSupplier clock) {
        this(store, limits, tools, clock, true);
    }

    /**
     * @param takeWorkNow with a shared store, whether to take tasks from its queue at once; false
     *                    waits for {@link #recover()}, for a server whose tools are registered later
     *                    (a gateway node would otherwise fail tasks of agent tools it has not listed yet)
     */
    public TaskEngine(TaskStore store, TaskLimits limits, Function<String, Optional<TaskTool>> tools, LongSupplier clock, boolean takeWorkNow) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.slots = new RunningSlots(limits);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("task-sweeper").factory());
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, limits.sweepIntervalMs(), limits.sweepIntervalMs(),
                TimeUnit.MILLISECONDS);
        this.lease = store.claimLeaseMs();
        this.shared = lease > 0 ? new SharedStoreWork(this, store, lease) : null;
        if (shared != null && takeWorkNow) shared.start();
    }

    /** This engine's worker name, as stored in the claims it holds. */
    public String worker() {
        return worker;
    }

    /** Adds a listener told after every stored status change of a task (for status notifications). */
    public void onStatusChange(TaskStatusListener listener) {
        statusListeners.add(listener);
    }

    public TaskLimits limits() {
        return limits;
    }

    /**
     * Resumes what the store holds from before a restart. The embedded store is locked to this
     * process, so every live task not claimed by this engine was orphaned by a crash. With a shared
     * store it does nothing: a task whose node died is redelivered when its claim lapses.
     *
     * @return how many tasks were re-run
     */
    public int recover() {
        if (shared != null) { // a shared store's orphans come back through its work queue
            shared.start(); // once, if the constructor did not
            return 0;
        }
        int rerun = 0;
        for (TaskRecord r : store.live()) {
            if (worker.equals(r.claimedBy())) continue;
            ledger.created.incrementAndGet();
            ledger.running.incrementAndGet();
            slots.reserve(r.owner());
            Optional<TaskTool> tool = tools.apply(r.tool());
            if (tool.isPresent() && r.retrySafe() && tool.get().retrySafe() && !r.isExpired(clock.getAsLong())) {
                TaskRecord reset = r.withStatus(TaskStatus.WORKING, "re-run after a server restart", clock.getAsLong());
                Optional<TaskRecord> claimed = store.compareAndSet(r.revision(), claim(reset));
                if (claimed.isPresent()) {
                    start(claimed.get(), tool.get());
                    rerun++;
                    continue;
                }
            }
            String message = tool.map(t -> t.notRetried(RESTARTED)).orElse(RESTARTED);
            String error = TaskOutcome.errorJson(-32603, message, null);
            settle(r.id(), x -> x.failed(error, message, clock.getAsLong()));
        }
        return rerun;
    }

    /**
     * Creates a task for {@code tool} and starts it; returns once the task is durably stored. With
     * a shared store the task is queued unclaimed and runs on whichever engine takes it first.
     *
     * @throws TaskRejected AT_CAPACITY before anything is stored, or UNKNOWN_TOOL
     */
    public TaskRecord submit(String owner, String tool, String argumentsJson, Long requestedTtlMs) {
        TaskTool t = tools.apply(tool).orElseThrow(() ->
                new TaskRejected(TaskRejected.Reason.UNKNOWN_TOOL, "tool '" + tool + "' cannot run as a task"));
        if (shared != null) return queue(owner, tool, argumentsJson, requestedTtlMs, t);
        if (!slots.reserve(owner)) {
            throw new TaskRejected(TaskRejected.Reason.AT_CAPACITY, "too many running tasks (server cap "
                    + limits.maxRunning() + ", per-session cap " + limits.maxRunningPerOwner()
                    + "); try again later", limits.retryAfterMs());
        }
        long now = clock.getAsLong();
        TaskRecord record = claim(TaskRecord.created(TaskIds.next(), owner, tool, argumentsJson, now,
                limits.grantTtl(requestedTtlMs), limits.pollIntervalMs(), t.retrySafe()));
        try {
            store.create(record);
        } catch (RuntimeException e) {
            slots.release(owner);
            throw e;
        }
        ledger.created.incrementAndGet();
        ledger.running.incrementAndGet();
        TaskRecord stored = store.get(record.id()).orElse(record);
        start(stored, t);
        return stored;
    }

    private TaskRecord queue(String owner, String tool, String argumentsJson, Long requestedTtlMs, TaskTool t) {
        TaskRecord record = TaskRecord.created(TaskIds.next(), owner, tool, argumentsJson, clock.getAsLong(),
                limits.grantTtl(requestedTtlMs), limits.pollIntervalMs(), t.retrySafe());
        store.create(record);
        ledger.created.incrementAndGet();
        return store.get(record.id()).orElse(record);
    }

    /** How many more tasks this engine may run now (a shared store's pick-up asks). */
    int room() {
        return slots.room();
    }

    /**
     * Runs a task a shared store handed over: a new one, or one whose node died (then a task that
     * is not retry-safe ends failed instead of running twice). Counted against this engine's caps.
     */
    void takeOver(TaskRecord r) {
        if (closed || r.status().isFinal()) return;
        // Its own task handed back: while NATS was away its claim lapsed and the ticket came round again. It is still
        // running here (its renewals go on with the ticket now held); taking it over would run it a second time here.
        if (running.containsKey(r.id())) return;
        slots.take(r.owner());
        ledger.running.incrementAndGet();
        // Counted here, claimed on its own thread: the caller goes back for the next tickets while the claim is written,
        // and a batch's claims are in flight together instead of one store round trip after another.
        Thread.ofVirtual().name("task-claim-" + r.id()).start(() -> {
            boolean started = false;
            try {
                started = claimAndStart(r);
            } catch (RuntimeException e) {
                if (!closed) LOG.log(Level.WARNING, "task " + r.id() + ": taking it over failed; it comes back when its claim lapses", e);
            } finally {
                if (!started) { // ended here, taken by another node, or the store failed (the ticket comes back)
                    slots.release(r.owner());
                    ledger.running.decrementAndGet();
                }
            }
        });
    }

    private boolean claimAndStart(TaskRecord r) {
        long now = clock.getAsLong();
        Optional<TaskTool> tool = tools.apply(r.tool());
        boolean rerun = r.attempts() > 0;
        if (tool.isEmpty() && !r.isExpired(now) && now - r.updatedAtMs() < UNSERVED_WAIT_LEASES * lease
                && store.handBack(r.id(), HAND_BACK_DELAY_MS)) {
            LOG.log(Level.DEBUG, "task {0}: tool ''{1}'' is not served by {2}; handed back for a node that serves it", r.id(), r.tool(), worker);
            return false;
        }
        if (tool.isEmpty() || r.isExpired(now) || (rerun && !(r.retrySafe() && tool.get().retrySafe()))) {
            String why = tool.isEmpty() ? "tool '" + r.tool() + "' is not served by " + worker
                    + (store.claimLeaseMs() > 0 ? " nor taken by a node that serves it within " + UNSERVED_WAIT_LEASES * lease + " ms" : "")
                    : tool.get().notRetried(NODE_LOST);
            Optional<TaskRecord> ended = store.compareAndSet(r.revision(), r.failed(TaskOutcome.errorJson(-32603, why, null), why, now));
            if (ended.isPresent()) {
                accountFinal(ended.get());
                statusChanged(ended.get(), r.status());
            }
            return false;
        }
        TaskRecord next = (rerun ? r.withStatus(TaskStatus.WORKING, "re-run after its node stopped", now) : r)
                .claimed(worker, now + lease, now);
        Optional<TaskRecord> claimed = store.compareAndSet(r.revision(), next);
        if (claimed.isEmpty()) return false;
        start(claimed.get(), tool.get());
        return true;
    }

    /** Renews the claims of the tasks running here; a task ended or taken elsewhere stops here. */
    void renewClaims() {
        for (String id : List.copyOf(running.keySet())) {
            if (closed) return;
            long now = clock.getAsLong();
            Optional<TaskRecord> current = store.get(id);
            boolean mine = current.isPresent() && !current.get().status().isFinal()
                    && worker.equals(current.get().claimedBy());
            if (mine) {
                store.compareAndSet(current.get().revision(), current.get().renewed(now + lease, now));
                continue; // a lost race (a status change) is retried at the next renewal
            }
            RunningTask finishing = running.get(id);
            if (finishing == null || finishing.isFinishing()) continue; // its own outcome is being stored: leave it be
            RunningTask run = running.remove(id);
            if (run == null) continue;
            run.cancel();
            ledger.running.decrementAndGet();
            slots.release(run.owner());
        }
    }

    private TaskRecord claim(TaskRecord r) {
        return r.claimed(worker, Long.MAX_VALUE, clock.getAsLong());
    }

    private void start(TaskRecord record, TaskTool tool) {
        var run = new RunningTask(record, change -> change(record.id(), change));
        running.put(record.id(), run);
        Thread.ofVirtual().name("task-" + record.id()).start(() -> execute(run, tool));
    }

    private void execute(RunningTask run, TaskTool tool) {
        try {
            run(run, tool);
        } catch (RuntimeException e) {
            // the store failed while recording the outcome; nothing else can: say so, never lose it silently
            if (!closed) LOG.log(Level.ERROR, "task " + run.taskId() + ": its outcome could not be stored", e);
        }
    }

    private void run(RunningTask run, TaskTool tool) {
        run.bind(Thread.currentThread());
        try {
            Function<TaskRecord, TaskRecord> outcome = TaskOutcome.of(run, tool, clock);
            if (outcome != null) settle(run.taskId(), outcome);
        } finally {
            // Shared store: still listed means no final state of this node's released it (another node ended the
            // task after its claim lapsed, or storing failed): release it here, once (each path removes atomically).
            if (running.remove(run.taskId()) != null && shared != null) {
                ledger.running.decrementAndGet();
                slots.release(run.owner());
            }
        }
    }

    /** Applies {@code change} by compare-and-set, retrying on a concurrent change; empty once final or gone. */
    Optional<TaskRecord> change(String id, Function<TaskRecord, TaskRecord> change) {
        while (true) {
            if (closed) return Optional.empty();
            Optional<TaskRecord> current = store.get(id);
            if (current.isEmpty() || current.get().status().isFinal()) return Optional.empty();
            TaskRecord r = current.get();
            Optional<TaskRecord> stored = store.compareAndSet(r.revision(), change.apply(r));
            if (stored.isPresent()) {
                TaskRecord s = stored.get();
                if (s.status().isFinal()) finished(s);
                if (s.status() != r.status()) statusChanged(s, r.status());
                return stored;
            }
        }
    }

    private void statusChanged(TaskRecord task, TaskStatus previous) {
        statusListeners.tell(task, previous);
    }

    /*
     * Stores a final state. A shared store that is briefly unavailable (a NATS server lost, its
     * streams electing a leader) is retried until the state is stored, the task is final anyway (its
     * claim lapsed and another node ended it) or the engine closes: the outcome is in memory only,
     * and the task's claim is still renewed meanwhile (it stays in running), so no node takes it over.
     */
    private void settle(String id, Function<TaskRecord, TaskRecord> toFinal) {
        for (int tries = 1; ; tries++) {
            try {
                if (tries > 1 && landed(id, toFinal)) return;
                // a retry may read a replica a moment behind, then the leader: the lost write shows only now
                if (change(id, toFinal).isEmpty() && tries > 1) landed(id, toFinal);
                return;
            } catch (TaskRejected e) {
                if (e.reason() != TaskRejected.Reason.UNAVAILABLE || closed) throw e;
                if (tries == 1) LOG.log(Level.WARNING, "task " + id + ": storing its outcome failed, retrying: " + e.getMessage());
                try {
                    Thread.sleep(Math.max(1, e.retryAfterMs()));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt(); // cancelled (already final) or closing
                    throw e;
                }
            }
        }
    }

    // After a write whose answer was lost: when the record already holds exactly this outcome, the
    // write landed, and this node accounts for it as if it had been answered.
    private boolean landed(String id, Function<TaskRecord, TaskRecord> toFinal) {
        Optional<TaskRecord> current = store.get(id);
        if (current.isEmpty() || !current.get().status().isFinal()) return false;
        TaskRecord r = current.get();
        TaskRecord mine = toFinal.apply(r);
        if (mine.status() != r.status() || !Objects.equals(mine.resultJson(), r.resultJson())
                || !Objects.equals(mine.errorJson(), r.errorJson())) return false;
        finished(r);
        statusChanged(r, TaskStatus.WORKING);
        return true;
    }

    private void finished(TaskRecord r) {
        accountFinal(r);
        // with a shared store the task may have run on another node: whoever removes it from running releases it
        if (shared == null || running.remove(r.id()) != null) {
            ledger.running.decrementAndGet();
            slots.release(r.owner());
        }
        finals.computeIfAbsent(r.id(), k -> new CompletableFuture<>()).complete(r);
        finals.remove(r.id());
    }

    private void accountFinal(TaskRecord r) {
        switch (r.status()) {
            case COMPLETED -> ledger.completed.incrementAndGet();
            case FAILED -> ledger.failed.incrementAndGet();
            case CANCELLED -> ledger.cancelled.incrementAndGet();
            default -> throw new IllegalStateException("not final: " + r.status());
        }
    }

    /**
     * The task as its owner may see it.
     *
     * @throws TaskRejected MALFORMED_ID, NOT_FOUND (also for another owner's task) or EXPIRED
     */
    public TaskRecord get(String owner, String taskId) {
        if (!TaskIds.isWellFormed(taskId)) {
            throw new TaskRejected(TaskRejected.Reason.MALFORMED_ID, "Failed to retrieve task: malformed task id");
        }
        TaskRecord r = store.get(taskId).filter(x -> x.owner().equals(owner)).orElseThrow(() ->
                new TaskRejected(TaskRejected.Reason.NOT_FOUND, "Failed to retrieve task: Task not found"));
        if (r.isExpired(clock.getAsLong())) {
            throw new TaskRejected(TaskRejected.Reason.EXPIRED, "Failed to retrieve task: Task has expired");
        }
        return r;
    }

    /** Blocks until the task is final (at most {@code maxWaitMs}), then returns it; else the live state. */
    public TaskRecord awaitFinal(String owner, String taskId, long maxWaitMs) throws InterruptedException {
        TaskRecord r = get(owner, taskId);
        if (r.status().isFinal()) return r;
        if (shared != null) return pollFinal(owner, taskId, maxWaitMs);
        var f = finals.computeIfAbsent(taskId, k -> new CompletableFuture<>());
        r = get(owner, taskId); // it may have ended between the two looks
        if (r.status().isFinal()) return r;
        try {
            return f.get(maxWaitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return get(owner, taskId);
        } catch (java.util.concurrent.ExecutionException e) {
            return get(owner, taskId);
        }
    }

    // A shared store's task may end on another node, which this one hears of only by looking.
    private TaskRecord pollFinal(String owner, String taskId, long maxWaitMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        while (true) {
            TaskRecord r = get(owner, taskId);
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (r.status().isFinal() || left <= 0) return r;
            Thread.sleep(Math.min(left, 20));
        }
    }

    /**
     * Cancels a live task: it is {@code cancelled} in the store before this returns, then its work
     * is told to stop. A final task is returned unchanged (the caller decides whether that is an error).
     */
    public TaskRecord cancel(String owner, String taskId) {
        TaskRecord r = get(owner, taskId);
        if (r.status().isFinal()) return r;
        RunningTask run = running.get(taskId); // before the change: finishing removes it (shared store)
        Optional<TaskRecord> done = change(taskId, x -> x.withStatus(TaskStatus.CANCELLED,
                "The task was cancelled by request.", clock.getAsLong()));
        if (run != null) run.cancel();
        return done.orElseGet(() -> get(owner, taskId));
    }

    /** Delivers input responses (key → response JSON); keys not outstanding are ignored. */
    public void answer(String owner, String taskId, Map<String, String> responses) {
        TaskRecord r = get(owner, taskId);
        if (r.status().isFinal()) return;
        RunningTask run = running.get(taskId);
        if (run != null) run.answer(responses);
    }

    /**
     * One page of the owner's tasks in id order.
     *
     * @param cursor the last id of the previous page, or null
     * @throws TaskRejected BAD_CURSOR for a cursor that is not a task id
     */
    public List<TaskRecord> list(String owner, String cursor, int limit) {
        if (cursor != null && !TaskIds.isWellFormed(cursor)) {
            throw new TaskRejected(TaskRejected.Reason.BAD_CURSOR, "invalid cursor");
        }
        long now = clock.getAsLong();
        return store.ownedBy(owner, cursor, limit).stream().filter(r -> !r.isExpired(now)).toList();
    }

    /** Removes expired tasks now; live ones among them are stopped and counted expired. */
    public int sweep() {
        List<TaskRecord> removed = store.removeExpired(clock.getAsLong());
        for (TaskRecord r : removed) {
            if (r.status().isFinal()) continue;
            ledger.expired.incrementAndGet();
            RunningTask run = running.remove(r.id());
            if (shared == null || run != null) {
                ledger.running.decrementAndGet();
                slots.release(r.owner());
            }
            if (run != null) run.cancel();
            var f = finals.remove(r.id());
            if (f != null) f.completeExceptionally(new TaskRejected(TaskRejected.Reason.EXPIRED, "expired"));
        }
        return removed.size();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "task sweep failed", e);
        }
    }

    public TaskLedger ledger() {
        return ledger.snapshot();
    }

    /** Stops the sweeper and tells running work to stop; their tasks stay live in the store for the next start. */
    @Override
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        if (shared != null) shared.stop();
        running.values().forEach(RunningTask::cancel);
    }
}
