package dev.switchboard.wasm;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the calling thread when a call outlives its cap. Code compiled by Chicory checks the
 * thread's interrupt flag on every loop back-edge and call, so even a tight loop stops. The lock
 * makes "finished" and "interrupted" exclusive: a cap that fires as the call returns cannot leave
 * a stray interrupt on the (pooled, virtual) thread.
 */
final class TimeCap implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wasm-time-cap");
        t.setDaemon(true);
        return t;
    });

    private final Thread thread;
    private final ScheduledFuture<?> timer;
    private boolean done;
    private boolean fired;

    private TimeCap(Thread thread, long millis) {
        this.thread = thread;
        this.timer = TIMER.schedule(this::fire, millis, TimeUnit.MILLISECONDS);
    }

    static TimeCap start(long millis) {
        return new TimeCap(Thread.currentThread(), millis);
    }

    private synchronized void fire() {
        if (done) return;
        fired = true;
        thread.interrupt();
    }

    synchronized boolean fired() {
        return fired;
    }

    @Override
    public synchronized void close() {
        done = true;
        timer.cancel(false);
        if (fired) Thread.interrupted();
    }
}
