package dev.switchboard.kernel;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Capacity} of one routed job while its handler runs. Parking moves the job's slot
 * from the kernel's in-flight count to its parked count (so admission, which looks only at
 * in-flight, lets other work in) and gives back the subsystem permit; the ledger does not move,
 * because the message is still accepted and unended. {@link #settle} runs when the handler
 * returns and before the kernel ends the job, so a park left open cannot make the job's slot be
 * freed twice. A handler may park from threads it starts, so the state is guarded by the monitor;
 * it is touched only around waits on the outside world, never on the common path.
 */
final class HandlerCapacity implements Capacity {
    private final Kernel kernel;
    /** The job whose capacity this is; a {@link LimitedJob} also leaves its adaptive limit while parked. */
    private final Job job;
    /** The subsystem's running permits; {@code null} for an ordered subsystem, whose worker runs the handler. */
    private final Semaphore permits;
    private int parks;
    private boolean holdsPermit;
    private boolean settled;

    HandlerCapacity(Kernel kernel, Job job, Semaphore permits) {
        this.kernel = kernel;
        this.job = job;
        this.permits = permits;
        this.holdsPermit = permits != null;
    }

    @Override
    public synchronized Parked park() {
        if (settled) return Parked.NONE;
        if (parks++ == 0) {
            kernel.park();
            if (job instanceof LimitedJob limited) limited.leave();
            if (holdsPermit) {
                holdsPermit = false;
                permits.release();
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) resume();
        };
    }

    private synchronized void resume() {
        if (settled || --parks > 0) return;
        kernel.unpark();
        if (job instanceof LimitedJob limited) limited.rejoin();
        if (permits != null) {
            // waits like a queued job; only this handler's own threads wait on the monitor meanwhile
            permits.acquireUninterruptibly();
            holdsPermit = true;
        }
    }

    /** The handler returned: takes back a slot it left parked, so the kernel's end frees it once. */
    synchronized void settle() {
        settled = true;
        if (parks > 0) {
            parks = 0;
            kernel.unpark();
            if (job instanceof LimitedJob limited) limited.rejoin();
        }
    }

    /** Gives back the running permit if this handler holds it (after the job ended). */
    synchronized void releasePermit() {
        if (!holdsPermit) return;
        holdsPermit = false;
        permits.release();
    }
}
