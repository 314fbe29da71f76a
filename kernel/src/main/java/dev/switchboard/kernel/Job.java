package dev.switchboard.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A routed message on its way to a handler, with the future its submitter waits on. The
 * {@code ended} flag makes ending idempotent-proof: a second ending is a kernel bug, counted so
 * tests can see it, and never double-counted in the ledger.
 */
class Job {
    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(Job.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Message message;
    final Route route;
    final Map<String, String> params;
    final CompletableFuture<Outcome> reply = new CompletableFuture<>();
    @SuppressWarnings("unused") // written through ENDED
    private volatile boolean ended;

    Job(Message message, Route route, Map<String, String> params) {
        this.message = message;
        this.route = route;
        this.params = params;
    }

    /** {@code true} exactly once: for the first caller to end this job. */
    boolean claimEnd() {
        return ENDED.compareAndSet(this, false, true);
    }

    int priority() {
        return message.metadata().priority();
    }
}
