package dev.switchboard.kernel;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A registered subsystem at run time: its mailbox, the worker that drains it, and the permits that
 * bound its concurrently running handlers.
 *
 * <p>Concurrent subsystems skip the mailbox when it is empty and a permit is free: the handler's
 * virtual thread starts straight from the submitting thread, which saves the worker hop on the
 * common, unloaded path; a route declared {@link Route#inline() inline} (a non-blocking handler)
 * runs on the submitting thread itself, saving the thread start too. Anything that cannot start at once queues, and because a message only
 * bypasses an empty mailbox it never overtakes one already queued. Ordered subsystems always queue
 * and their worker runs handlers itself, one after another.
 */
final class RunningSubsystem {
    private final Subsystem spec;
    private final Kernel kernel;
    private final Mailbox<Job> mailbox;
    private final Worker<Job> worker;
    private final Semaphore permits;
    private final int maxAttempts;
    private final long backoffMillis;
    private final int highMark;
    private final AtomicBoolean aboveWatermark = new AtomicBoolean();
    /** The subsystem's adaptive admission limit; {@code null} unless {@code performance.autotune} is on. */
    private final AdaptiveLimit limit;

    RunningSubsystem(Subsystem spec, Kernel kernel, KernelConfig config) {
        this.spec = spec;
        this.kernel = kernel;
        MailboxSettings settings = spec.mailbox() != null ? spec.mailbox() : config.mailbox();
        this.mailbox = Mailbox.create(settings, new MailboxListener<>() {
            @Override
            public void onDropped(Job job, OverflowPolicy policy) {
                kernel.end(job, new Outcome.Undelivered(DeadLetter.Reason.droppedBy(policy), fullDetail(), null));
            }
        }, Job::priority);
        this.permits = spec.ordered() ? null : new Semaphore(spec.concurrency() > 0 ? spec.concurrency() : config.concurrency());
        this.maxAttempts = spec.maxAttempts() > 0 ? spec.maxAttempts() : config.maxAttempts();
        this.backoffMillis = config.retryBackoffMillis();
        this.highMark = Math.max(1, (int) Math.ceil(settings.capacity() * config.queueWatermark()));
        this.limit = config.autotune().enabled() ? AdaptiveLimit.create(spec.name(), config.autotune(), kernel::recordLimitChange) : null;
        this.worker = new Worker<>(spec.name() + "-worker", mailbox, config.batchSize(), this::dispatch, this::shutDown, this::afterDrain);
        worker.start();
    }

    String name() {
        return spec.name();
    }

    AdaptiveLimit limit() {
        return limit;
    }

    void accept(Job job) {
        if (permits != null && mailbox.isEmpty() && permits.tryAcquire()) {
            if (job.route.runsInline()) runInline(job);
            else start(job);
            return;
        }
        switch (mailbox.offer(job)) {
            case ENQUEUED -> {
                worker.signal();
                if (mailbox.size() >= highMark) kernel.backpressure().raise(aboveWatermark);
            }
            case DROPPED -> { } // the listener has ended it
            case REJECTED -> kernel.end(job, new Outcome.Undelivered(DeadLetter.Reason.REJECTED, fullDetail(), null));
            case TIMED_OUT -> kernel.end(job, new Outcome.Undelivered(DeadLetter.Reason.BLOCK_TIMEOUT, fullDetail(), null));
        }
    }

    private String fullDetail() {
        return "mailbox of subsystem '" + spec.name() + "' is full (capacity " + mailbox.capacity() + ", policy " + mailbox.policy().configName() + ")";
    }

    private void afterDrain() {
        if (mailbox.size() < highMark) kernel.backpressure().lower(aboveWatermark);
    }

    /** Runs on the worker. */
    private void dispatch(Job job) {
        if (job.message.metadata().expiredAt(System.currentTimeMillis())) {
            kernel.end(job, new Outcome.Undelivered(DeadLetter.Reason.EXPIRED, "deadline passed while queued in subsystem '" + spec.name() + "'", null));
            return;
        }
        if (permits == null) {
            run(job, new HandlerCapacity(kernel, job, null));
        } else {
            permits.acquireUninterruptibly();
            start(job);
        }
    }

    /** Runs {@code job} on its own virtual thread, which holds one of {@code permits} (already acquired). */
    private void start(Job job) {
        Thread.ofVirtual().start(() -> {
            HandlerCapacity capacity = new HandlerCapacity(kernel, job, permits);
            try {
                run(job, capacity);
            } finally {
                capacity.releasePermit();
            }
        });
    }

    /**
     * A non-blocking handler on the submitting thread: no thread hop, and one attempt (a retry's
     * backoff would block the submitter). It holds a permit (already acquired) like any other.
     */
    private void runInline(Job job) {
        HandlerCapacity capacity = new HandlerCapacity(kernel, job, permits);
        try {
            Outcome outcome = attempts(job, capacity, 1);
            capacity.settle();
            kernel.end(job, outcome);
        } finally {
            capacity.releasePermit();
        }
    }

    private void run(Job job, HandlerCapacity capacity) {
        Outcome outcome = attempts(job, capacity, maxAttempts);
        capacity.settle();
        kernel.end(job, outcome);
    }

    private Outcome attempts(Job job, Capacity capacity, int maxAttempts) {
        Message message = job.message;
        Throwable last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return new Outcome.Delivered(job.route.handler().handle(new Delivery(message, job.params, capacity)));
            } catch (InterruptedException e) {
                return new Outcome.Undelivered(DeadLetter.Reason.CANCELLED, "handler for '" + message.path() + "' was interrupted", e);
            } catch (Throwable t) {
                last = t;
                if (Thread.currentThread().isInterrupted()) break;
                if (attempt < maxAttempts) {
                    message = message.nextAttempt();
                    if (!pause()) break;
                }
            }
        }
        boolean interrupted = Thread.currentThread().isInterrupted();
        return new Outcome.Undelivered(interrupted ? DeadLetter.Reason.CANCELLED : DeadLetter.Reason.HANDLER_FAILED,
                "handler for '" + message.path() + "' failed after " + (message.metadata().attempts() + 1) + " attempt(s): " + last, last);
    }

    private boolean pause() {
        if (backoffMillis == 0) return true;
        try {
            Thread.sleep(backoffMillis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Health health() {
        int depth = mailbox.size();
        if (!worker.alive()) return new Health(Health.Status.DOWN, "worker of subsystem '" + spec.name() + "' is not running", depth);
        if (spec.healthCheck() != null) {
            Health custom = spec.healthCheck().get();
            if (custom.status() != Health.Status.UP) return new Health(custom.status(), custom.detail(), depth);
        }
        if (depth >= highMark)
            return new Health(Health.Status.DEGRADED, "mailbox at " + depth + " of " + mailbox.capacity() + ", above the watermark", depth);
        return new Health(Health.Status.UP, "mailbox at " + depth + " of " + mailbox.capacity(), depth);
    }

    MailboxStats stats() {
        return mailbox.stats();
    }

    private void shutDown(Job job) {
        kernel.end(job, new Outcome.Undelivered(DeadLetter.Reason.SHUTDOWN, "kernel closed while queued in subsystem '" + spec.name() + "'", null));
    }

    /** Stops the worker and dead-letters whatever is still queued, so the ledger balances. */
    void close() throws InterruptedException {
        worker.stop();
        kernel.backpressure().lower(aboveWatermark);
    }
}
