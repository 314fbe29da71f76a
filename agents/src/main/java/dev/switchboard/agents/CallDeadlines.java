package dev.switchboard.agents;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/*
 * Each forwarded call's timeoutMs, without a thread hand-over per call. Why not a
 * ScheduledThreadPoolExecutor (what this replaced): a task that becomes the head of its queue wakes
 * the executor's thread to re-arm its wait, and with calls one after another every call's deadline
 * was the head, so every call woke a thread (counted by `./sb bench agents`: one of the gateway's
 * wake-ups per call) to arm a timer that almost never fires. Here a call adds itself to a set and
 * takes itself out; one thread looks over the set every TICK_MS while calls come, and parks when
 * none has been armed for IDLE_MS. The price: a deadline fires up to TICK_MS late.
 */
final class CallDeadlines {
    /** How often the sweeper looks for calls past their deadline. */
    static final long TICK_MS = 20;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MS);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final Set<Armed> ARMED = ConcurrentHashMap.newKeySet();
    private static volatile boolean parked;
    private static volatile long lastArmedNanos = System.nanoTime();
    private static final Thread SWEEPER = Thread.ofPlatform().daemon().name("agent-call-deadlines").start(CallDeadlines::sweep);

    private CallDeadlines() {}

    /** One call's deadline: interrupts {@code caller} once it passes, unless disarmed first. */
    static final class Armed {
        private final Thread caller;
        private final long dueNanos;
        private boolean done;
        private volatile boolean fired;

        private Armed(Thread caller, long dueNanos) {
            this.caller = caller;
            this.dueNanos = dueNanos;
        }

        /** Whether the deadline passed and interrupted the caller. */
        boolean fired() {
            return fired;
        }

        private synchronized void fire() {
            if (done) return;
            fired = true;
            caller.interrupt();
        }

        /** Ends the deadline; true when it fired first (the caller's interrupt is then this deadline's, to clear). */
        synchronized boolean disarm() {
            done = true;
            ARMED.remove(this);
            return fired;
        }
    }

    /** Arms a deadline {@code timeoutMs} from now for the calling thread. */
    static Armed arm(long timeoutMs) {
        long now = System.nanoTime();
        Armed a = new Armed(Thread.currentThread(), now + TimeUnit.MILLISECONDS.toNanos(timeoutMs));
        ARMED.add(a);
        lastArmedNanos = now;
        if (parked) LockSupport.unpark(SWEEPER);
        return a;
    }

    /** Starts the sweeper (class initialization) before the first call needs it. */
    static void warm() {
        if (!SWEEPER.isAlive()) throw new IllegalStateException("the agent call deadline thread is not running");
    }

    private static void sweep() {
        while (true) {
            if (ARMED.isEmpty() && System.nanoTime() - lastArmedNanos > IDLE_NANOS) {
                parked = true;
                if (ARMED.isEmpty()) LockSupport.park(); // arm() unparks; a stale permit only costs one more round
                parked = false;
                continue;
            }
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            for (Armed a : ARMED) {
                if (now - a.dueNanos >= 0) {
                    ARMED.remove(a);
                    a.fire();
                }
            }
        }
    }
}
