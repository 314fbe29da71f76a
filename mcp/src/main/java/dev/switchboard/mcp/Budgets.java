package dev.switchboard.mcp;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * What one request, one session and one tenant may spend (issue 16, "Tenants, budgets and risk").
 *
 * <p>A request's deadline is the smaller of {@code budgets.requestTimeoutMs} and the client's own
 * {@code params._meta["io.switchboard/deadlineMs"]} (milliseconds from the server's receipt; the
 * MCP specification and its SDKs name no such key, so it carries this server's reverse-DNS
 * prefix, as the specification asks of custom {@code _meta} keys). Past it the client gets
 * {@value #DEADLINE_EXCEEDED} naming the deadline, and the handler's thread is interrupted exactly
 * as on {@code notifications/cancelled}. Handlers read the time left from {@link Context#timeLeft()}.
 *
 * <p>Calls are {@code tools/call} requests. Past a budget the call is refused with -32000 and
 * {@code data.retryAfterMs} (when the window admits the next one) and {@code data.budget} (the key).
 * Budgets are counted per process: behind a load balancer each instance counts its own share.
 *
 * @param requestTimeout        the longest any request may run; {@link Duration#ZERO} for none
 * @param sessionCallsPerMinute tool calls one session may make per window; 0 for no limit (the
 *     session era: a stateless request is a session of its own)
 * @param tenantCallsPerMinute  tool calls the principals of one tenant may make together per
 *     window; 0 for no limit; requests without a tenant are not counted
 * @param window                the window the call budgets refill in, whole, at once (a minute)
 * @param tenantMaxTasks        live tasks (created here, not yet final) one tenant may hold at once;
 *     0 for no limit; past it a task-augmented call is refused with -32000 naming the key
 */
public record Budgets(Duration requestTimeout, int sessionCallsPerMinute, int tenantCallsPerMinute, Duration window, int tenantMaxTasks) {
    /** The {@code _meta} key a client sets to give one request a deadline, in milliseconds. */
    public static final String DEADLINE_META = "io.switchboard/deadlineMs";
    /** The JSON-RPC code of a request past its deadline (the code the MCP SDKs use for a timed-out request). */
    public static final int DEADLINE_EXCEEDED = -32001;

    public static final ConfigKey<Long> REQUEST_TIMEOUT_MS = ConfigKey.longInteger("budgets.requestTimeoutMs", 0, 0, 86_400_000,
            "the longest a request may run before its handler is interrupted and the client told; 0 for no limit");
    public static final ConfigKey<Integer> SESSION_CALLS_PER_MINUTE = ConfigKey.integer("budgets.sessionCallsPerMinute", 0, 0, 10_000_000,
            "tools/call requests one session may make per minute; 0 for no limit");
    public static final ConfigKey<Integer> TENANT_CALLS_PER_MINUTE = ConfigKey.integer("budgets.tenantCallsPerMinute", 0, 0, 100_000_000,
            "tools/call requests one tenant's principals may make together per minute; 0 for no limit");
    public static final ConfigKey<Integer> TENANT_MAX_TASKS = ConfigKey.integer("budgets.tenantMaxTasks", 0, 0, 10_000_000,
            "live tasks one tenant's principals may hold together; 0 for no limit");

    /** Every budget key, for {@link Config#load}. */
    public static final List<ConfigKey<?>> KEYS = List.of(REQUEST_TIMEOUT_MS, SESSION_CALLS_PER_MINUTE, TENANT_CALLS_PER_MINUTE, TENANT_MAX_TASKS);

    public Budgets {
        if (requestTimeout.isNegative()) throw new IllegalArgumentException("requestTimeout must not be negative: " + requestTimeout);
        if (sessionCallsPerMinute < 0 || tenantCallsPerMinute < 0) throw new IllegalArgumentException("call budgets must not be negative");
        if (tenantMaxTasks < 0) throw new IllegalArgumentException("tenantMaxTasks must not be negative: " + tenantMaxTasks);
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive: " + window);
    }

    /** No deadline and no call budgets (the default). */
    public static Budgets none() {
        return new Budgets(Duration.ZERO, 0, 0, Duration.ofMinutes(1), 0);
    }

    public static Budgets from(Config c) {
        return new Budgets(Duration.ofMillis(c.get(REQUEST_TIMEOUT_MS)), c.get(SESSION_CALLS_PER_MINUTE), c.get(TENANT_CALLS_PER_MINUTE),
                Duration.ofMinutes(1), c.get(TENANT_MAX_TASKS));
    }

    /** The same budgets with every request limited to {@code timeout} ({@link Duration#ZERO} for none). */
    public Budgets withRequestTimeout(Duration timeout) {
        return new Budgets(timeout, sessionCallsPerMinute, tenantCallsPerMinute, window, tenantMaxTasks);
    }

    /** The same budgets with {@code perSession} and {@code perTenant} calls per window (0 for no limit). */
    public Budgets withCalls(int perSession, int perTenant) {
        return new Budgets(requestTimeout, perSession, perTenant, window, tenantMaxTasks);
    }

    /** The same budgets allowing one tenant {@code max} live tasks (0 for no limit). */
    public Budgets withTenantMaxTasks(int max) {
        return new Budgets(requestTimeout, sessionCallsPerMinute, tenantCallsPerMinute, window, max);
    }

    /** The same budgets counted over {@code w} instead of a minute (tests, or operators who want a shorter window). */
    public Budgets withWindow(Duration w) {
        return new Budgets(requestTimeout, sessionCallsPerMinute, tenantCallsPerMinute, w, tenantMaxTasks);
    }
}
