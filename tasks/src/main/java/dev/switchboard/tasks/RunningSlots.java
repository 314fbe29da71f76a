package dev.switchboard.tasks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * The slots running tasks hold against the engine's two caps: the server's (maxRunning) and each
 * owner's (maxRunningPerOwner). Plain counters, not a semaphore: a task a shared store hands over
 * takes its slot even past the caps (the store's pick-up asked for room first), and a task ends
 * from whichever thread stores its final state.
 */
final class RunningSlots {
    private final TaskLimits limits;
    private final Map<String, AtomicInteger> perOwner = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();

    RunningSlots(TaskLimits limits) {
        this.limits = limits;
    }

    /** How many more tasks may run now. */
    int room() {
        return limits.maxRunning() - live.get();
    }

    // Both caps in one step, undone if the second fails; the caller stores nothing when false.
    boolean reserve(String owner) {
        if (live.incrementAndGet() > limits.maxRunning()) {
            live.decrementAndGet();
            return false;
        }
        AtomicInteger mine = perOwner.computeIfAbsent(owner, o -> new AtomicInteger());
        if (mine.incrementAndGet() > limits.maxRunningPerOwner()) {
            mine.decrementAndGet();
            live.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Takes a slot whatever the caps say (a task a shared store handed over). */
    void take(String owner) {
        live.incrementAndGet();
        perOwner.computeIfAbsent(owner, o -> new AtomicInteger()).incrementAndGet();
    }

    void release(String owner) {
        live.decrementAndGet();
        AtomicInteger mine = perOwner.get(owner);
        if (mine != null) mine.decrementAndGet();
    }
}
