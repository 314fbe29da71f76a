package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.kernel.Delivery;
import dev.switchboard.kernel.Handler;
import java.time.Duration;

/**
 * A route target that runs the request here, on the kernel's virtual thread: the handler of a
 * local tool, prompt or resource. An agent pool or another node would be other targets behind the
 * same kind of route. It gives the work a {@link RequestContext}, makes the request's thread
 * interruptible by {@code notifications/cancelled}, and turns the end of an input round into its
 * result.
 */
final class LocalTarget implements Handler {
    /** What the target does with one request on its thread; returns the result record. */
    @FunctionalInterface
    interface Work {
        Object run(McpCall call, RequestContext context) throws Exception;
    }

    private final Work work;
    private final JsonRpcCodec codec;
    private final Duration clientTimeout;
    /** Runs inline on the submitting (transport) thread: never interrupted, never waits for the client. */
    private final boolean nonBlocking;

    LocalTarget(Work work, JsonRpcCodec codec, Duration clientTimeout, boolean nonBlocking) {
        this.work = work;
        this.codec = codec;
        this.clientTimeout = clientTimeout;
        this.nonBlocking = nonBlocking;
    }

    @Override
    public Object handle(Delivery delivery) throws Exception {
        McpCall call = (McpCall) delivery.message().body();
        Session.InFlight inFlight = call.inFlight();
        inFlight.capacity = delivery.capacity(); // parked while the handler waits on the client
        // notifications/cancelled interrupts a handler's own thread, never a transport's event loop
        if (!nonBlocking) inFlight.thread = Thread.currentThread();
        try {
            if (inFlight.cancelled) throw new InterruptedException("cancelled before it started");
            try (RequestObserver.Scope scope = ObservedExchange.enter(call.exchange())) {
                return work.run(call, new RequestContext(call.session(), call.request(), call.exchange(), inFlight, codec, clientTimeout, call.round(), nonBlocking, call.frame()));
            }
        } catch (InputRequired required) {
            // the normal end of a round that needs client input: a result, not a failure
            return call.round().result(required);
        } catch (InputRejected rejected) {
            throw new McpException(rejected.error);
        } finally {
            if (!nonBlocking) inFlight.thread = null;
        }
    }
}
