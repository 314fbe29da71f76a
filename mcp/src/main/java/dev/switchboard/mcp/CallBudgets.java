package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.JsonRpc;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.JsonNodeFactory;

// Why: one session or one tenant must not spend the server on tool calls; a token bucket per
// session (kept on the session, so it ends with it) and per tenant, refilled whole once a window,
// says both "no" and when the next window opens.
final class CallBudgets {
    /** Tenants kept before the full (untouched for a window) buckets are dropped: a full bucket equals a new one. */
    private static final int TENANTS_BEFORE_PRUNING = 10_000;

    private final Budgets budgets;
    private final Map<String, Bucket> tenants = new ConcurrentHashMap<>();

    CallBudgets(Budgets budgets) {
        this.budgets = budgets;
    }

    /**
     * Counts one tool call of {@code session} (and of {@code tenant}, when there is one).
     *
     * @throws McpException -32000 naming the budget and with {@code data.retryAfterMs}, when either is spent
     */
    void admit(Session session, String tenant) {
        int perSession = budgets.sessionCallsPerMinute();
        if (perSession > 0) take(session.callBucket(() -> bucket(perSession)), Budgets.SESSION_CALLS_PER_MINUTE.name(), perSession, "this session");
        int perTenant = budgets.tenantCallsPerMinute();
        if (perTenant > 0 && tenant != null) {
            if (tenants.size() > TENANTS_BEFORE_PRUNING) tenants.values().removeIf(b -> b.getAvailableTokens() >= perTenant);
            take(tenants.computeIfAbsent(tenant, t -> bucket(perTenant)), Budgets.TENANT_CALLS_PER_MINUTE.name(), perTenant, "tenant '" + tenant + "'");
        }
    }

    private Bucket bucket(int calls) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(calls).refillIntervally(calls, budgets.window()).build()).build();
    }

    private void take(Bucket bucket, String key, int calls, String whose) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) return;
        long retryAfterMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill()) + 1);
        throw new McpException(JsonRpc.Error.overloaded("Call budget spent: " + whose + " made its " + calls + " tool calls per "
                        + budgets.window().toMillis() + " ms (" + key + "); retry after " + retryAfterMs + " ms")
                .withData(JsonNodeFactory.instance.objectNode().put("retryAfterMs", retryAfterMs).put("budget", key)));
    }
}
