package dev.switchboard.kernel;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One virtual thread draining one mailbox in batches.
 *
 * <p>Idle protocol: after a few empty drains the worker sets {@code parked}, checks the mailbox once
 * more, and parks; a producer that has enqueued reads {@code parked} and unparks. Both sides write
 * then read volatile state (the ring's tail CAS, the {@code parked} flag), so at least one of them sees
 * the other: either the worker finds the item or the producer wakes it. A spurious wake-up only costs
 * one empty drain.
 */
final class Worker<T> implements Runnable {
    private static final int SPINS = 16;

    private final String name;
    private final Mailbox<T> mailbox;
    private final Consumer<T> dispatch;
    private final int batchSize;
    private final Consumer<T> leftover;
    private final Runnable afterDrain;
    private volatile boolean parked;
    private volatile boolean running = true;
    private volatile Thread thread;

    /**
     * @param dispatch   runs each item while the worker runs
     * @param leftover   takes each item drained after {@link #stop()} began, and each item still queued
     *                   when it ends, so the owner can settle them
     * @param afterDrain runs after every non-empty batch
     */
    Worker(String name, Mailbox<T> mailbox, int batchSize, Consumer<T> dispatch, Consumer<T> leftover, Runnable afterDrain) {
        this.name = name;
        this.mailbox = mailbox;
        this.batchSize = batchSize;
        this.leftover = leftover;
        this.dispatch = item -> {
            if (running) dispatch.accept(item);
            else leftover.accept(item);
        };
        this.afterDrain = afterDrain;
    }

    void start() {
        thread = Thread.ofVirtual().name(name).start(this);
    }

    /** Wakes the worker if it sleeps; call after every successful enqueue. */
    void signal() {
        if (parked) LockSupport.unpark(thread);
    }

    boolean alive() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    @Override
    public void run() {
        int idle = 0;
        while (running) {
            int n = mailbox.drain(dispatch, batchSize);
            if (n > 0) {
                idle = 0;
                afterDrain.run();
                continue;
            }
            if (++idle < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (idle == SPINS) {
                Thread.yield();
                continue;
            }
            parked = true;
            if (running && mailbox.isEmpty()) LockSupport.park(this);
            parked = false;
            idle = 0;
        }
    }

    /**
     * Stops after the item in hand and hands every item still queued to {@code leftover}. Producers
     * that race the stop may still enqueue; their owner refuses new work before stopping.
     */
    void stop() throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            t.join();
        }
        T item;
        while ((item = mailbox.poll()) != null) leftover.accept(item);
    }
}
