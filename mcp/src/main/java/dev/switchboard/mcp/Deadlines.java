package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.JsonRpc;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

// Why: a request past its deadline must end for the client even when its handler never looks at
// the clock. One timer thread for the whole process fires each deadline; the request is then ended
// the way a session end ends it (answered once, handler interrupted), and a request that finished
// first has its timer taken off the queue, so the queue holds only requests in flight.
final class Deadlines {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final long configuredMs;

    Deadlines(Budgets budgets) {
        this.configuredMs = budgets.requestTimeout().toMillis();
    }

    /** One request's deadline: how long, and who set it. */
    record Deadline(long millis, String source) { }

    /**
     * The deadline of {@code r}: the smaller of the configured one and the client's
     * {@code _meta["io.switchboard/deadlineMs"]}; {@code null} when neither sets one.
     *
     * @throws McpException -32602 when the client's value is not a positive whole number of milliseconds
     */
    Deadline of(Decoded.Request r) {
        JsonNode asked = r.meta() == null ? null : r.meta().get(Budgets.DEADLINE_META);
        long client = 0;
        if (asked != null) {
            if (!asked.canConvertToLong() || !asked.isIntegralNumber() || asked.asLong() <= 0)
                throw new McpException(JsonRpc.Error.invalidParams("_meta \"" + Budgets.DEADLINE_META + "\" must be a positive number of milliseconds, not " + asked));
            client = asked.asLong();
        }
        if (client > 0 && (configuredMs == 0 || client < configuredMs)) return new Deadline(client, "_meta " + Budgets.DEADLINE_META);
        return configuredMs > 0 ? new Deadline(configuredMs, Budgets.REQUEST_TIMEOUT_MS.name()) : null;
    }

    /** Ends {@code f} on {@code session} with a deadline error once {@code d} has passed; returns what cancels that. */
    Future<?> arm(Session session, Decoded.Request r, Session.InFlight f, Deadline d) {
        f.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(d.millis());
        return TIMER.schedule(() -> session.expire(r.id(), f, exceeded(r, d)), d.millis(), TimeUnit.MILLISECONDS);
    }

    static JsonRpc.Error exceeded(Decoded.Request r, Deadline d) {
        return JsonRpc.Error.of(Budgets.DEADLINE_EXCEEDED, "Deadline exceeded: " + r.method() + " ran past its deadline of " + d.millis()
                        + " ms (" + d.source() + "); its handler was interrupted")
                .withData(JsonNodeFactory.instance.objectNode().put("deadlineMs", d.millis()).put("source", d.source()));
    }

    private static ScheduledThreadPoolExecutor timer() {
        var t = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("switchboard-deadlines").factory());
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
