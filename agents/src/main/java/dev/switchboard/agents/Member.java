package dev.switchboard.agents;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Lifecycle;
import dev.switchboard.mcp.protocol.LoggingLevel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/*
 * One member of an agent's pool: an MCP client session to one spawned process or one HTTP
 * session. Why the member keeps the contexts of the calls it runs: a downstream server's requests
 * (sampling, elicitation, roots) and log messages carry no reference to the call that caused them
 * on stdio, so they are relayed to the client of the calls running on this member when they all
 * belong to one client session (one call at a time, or several of one session), which is then
 * exactly the causing client. When calls of different sessions run on the member at once, the
 * gateway cannot tell whose call asked: the agent's request is refused with an error naming why,
 * and its log message is dropped (and counted in the log at DEBUG), rather than showing one
 * client's prompt, question or log to another. (It was relayed to the oldest call's client before.)
 * When no call is running, the member answers the agent's request with an error instead of
 * waiting, so nothing hangs.
 */
final class Member {
    private static final System.Logger LOG = System.getLogger(Member.class.getName());

    final String agent;
    final int id;
    final McpClient client;
    final Lifecycle.InitializeResult initialized;
    /** Calls given to this member and not yet released, counted by the pool under its lock. */
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicLong calls = new AtomicLong();
    /** Forwarded calls this member answered, and their time in all (ns): its mean latency on the dashboard and /metrics. */
    final java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder(), answeredNanos = new java.util.concurrent.atomic.LongAdder();
    /** Resource subscriptions the gateway holds on this member; a member with any is not closed as idle. */
    final AtomicInteger subscriptions = new AtomicInteger();
    final long startedNanos = System.nanoTime();
    volatile long lastUsedNanos = System.nanoTime();
    volatile String deathCause;
    /**
     * Opens after half of this member's last 20 calls (at least 5) failed in transport or timed
     * out, so calls go to the other members; half-open after 5 s to try it again. An agent's own
     * JSON-RPC error is an answer, not a failure of the member, and is not counted.
     */
    final CircuitBreaker breaker;
    private final ConcurrentLinkedDeque<Context> running;

    private Member(String agent, int id, McpClient client, Lifecycle.InitializeResult initialized, ConcurrentLinkedDeque<Context> running) {
        this.agent = agent;
        this.id = id;
        this.client = client;
        this.initialized = initialized;
        this.running = running;
        this.breaker = CircuitBreaker.of(agent + "#" + id, BREAKER);
    }

    private static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(20).minimumNumberOfCalls(5)
            .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(5)).automaticTransitionFromOpenToHalfOpenEnabled(true)
            .build();

    boolean circuitOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * Starts a member and opens its session; {@code onListChanged} hears the agent's
     * {@code list_changed} notifications by method.
     *
     * @throws RuntimeException when the server cannot be started or does not answer {@code initialize} in time
     */
    static Member start(AgentSpec spec, int id, long startTimeoutMs, Consumer<String> onListChanged, java.util.function.BiConsumer<Member, String> onResourceUpdated) {
        return start(spec, id, startTimeoutMs, onListChanged, onResourceUpdated, refused -> {});
    }

    /** The same; {@code onRefused} hears every message of the agent refused unread (too large, not JSON-RPC), whether or not a call waited for it. */
    static Member start(AgentSpec spec, int id, long startTimeoutMs, Consumer<String> onListChanged,
                        java.util.function.BiConsumer<Member, String> onResourceUpdated, Consumer<dev.switchboard.client.McpClientException> onRefused) {
        Member[] self = new Member[1];
        ConcurrentLinkedDeque<Context> running = new ConcurrentLinkedDeque<>();
        McpClient.Builder builder = McpClient.builder()
                .clientInfo("switchboard-gateway", "0.1.0")
                .rawResults() // tools/call results are forwarded as the agent wrote them (Gateway.callTool)
                                // the agent's timeoutMs is enforced per call by AgentCall; this bounds initialize and pings
                .requestTimeout(Duration.ofMillis(Math.max(startTimeoutMs, spec.timeoutMs())))
                .onSampling(p -> relay(caller(running, spec.name(), "sampling/createMessage"), c -> c.sample(p)))
                .onElicitation(p -> relay(caller(running, spec.name(), "elicitation/create"), c -> switch (p) {
                    case Elicitation.Form f -> c.elicit(f.message(), f.requestedSchema());
                    case Elicitation.Url u -> c.elicitUrl(u.message(), u.elicitationId(), u.url());
                    default -> throw new McpException(JsonRpc.INVALID_PARAMS, "elicitation mode '" + p.mode() + "' is not relayed by the gateway");
                }))
                .roots(() -> relay(caller(running, spec.name(), "roots/list"), Context::roots))
                .onLog(m -> {
                    Context c = running.peekFirst();
                    if (c != null && !oneSession(running, c)) {
                        LOG.log(System.Logger.Level.DEBUG, "agent {0}#{1}: a log message dropped: calls of more than one client session run on the member", spec.name(), id);
                        return;
                    }
                    if (c != null) c.log(m.level(), m.logger() == null ? spec.name() : spec.name() + "/" + m.logger(), m.data());
                })
                .onListChanged(onListChanged)
                .onResourceUpdated(uri -> {
                    Member m = self[0];
                    if (m != null) onResourceUpdated.accept(m, uri);
                })
                .stderr(line -> LOG.log(System.Logger.Level.DEBUG, "agent {0}#{1} stderr: {2}", spec.name(), id, line))
                .maxMessageBytes(spec.maxMessageBytes())
                .onRefused(e -> {
                    LOG.log(System.Logger.Level.WARNING, "agent {0}#{1}: refused a message: {2}", spec.name(), id, e.getMessage());
                    onRefused.accept(e);
                });
        McpClient client = switch (spec.launch()) {
            case Launch.Stdio s -> builder.environment(s.env()).stdio(s.command());
            case Launch.Http h -> builder.headers(h.headers()).keepAliveSockets().http(h.url());
            case Launch.LegacySse l -> builder.headers(l.headers()).legacySse(l.url());
        };
        try {
            Lifecycle.InitializeResult init = client.initialize();
            if (init.capabilities() != null && init.capabilities().logging() != null) client.setLogLevel(LoggingLevel.DEBUG);
            self[0] = new Member(spec.name(), id, client, init, running);
            return self[0];
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static Context caller(ConcurrentLinkedDeque<Context> running, String agent, String method) {
        Context c = running.peekFirst();
        if (c == null)
            throw new McpException(JsonRpc.INVALID_REQUEST, "agent '" + agent + "' sent " + method
                    + " while no client call was running on this member; the gateway relays such requests only to the client of a running call");
        if (!oneSession(running, c))
            throw new McpException(JsonRpc.INVALID_REQUEST, "agent '" + agent + "' sent " + method + " while calls of more than one client session"
                    + " were running on this member; the gateway cannot tell whose call asked, so it asks no one rather than the wrong client"
                    + " (one call at a time per member, agents.memberConcurrency 1, makes every such request relayable)");
        if (c.session() != null && "stateless".equals(c.session().transport()))
            throw new McpException(JsonRpc.INVALID_REQUEST, "agent '" + agent + "' sent " + method + " during a call from a stateless (2026-07-28) client; "
                    + "the gateway cannot relay it mid-call, because a stateless round would run the agent's tool again");
        return c;
    }

    /** Whether every call running besides {@code first} is of {@code first}'s client session (a call without one is its own). */
    static boolean oneSession(java.util.Collection<Context> running, Context first) {
        String session = clientSession(first);
        for (Context other : running) {
            if (other == first) continue;
            if (session == null || !session.equals(clientSession(other))) return false;
        }
        return true;
    }

    /**
     * The id of the client session a call belongs to, or null when it has none: a task without its
     * session, or a stateless (2026-07-28) request, whose session object is one shared by every
     * stateless request (id "stateless") and stands for no client.
     */
    static String clientSession(Context context) {
        var s = context.session();
        return s == null || "stateless".equals(s.transport()) ? null : s.id();
    }

    /**
     * Asks the calling client through {@code context}, one question at a time per call: a
     * request's context is made for its own thread, and an agent may ask twice at once.
     */
    private static <R> R relay(Context context, java.util.function.Function<Context, R> ask) {
        synchronized (context) {
            return ask.apply(context);
        }
    }

    /** A call of {@code context} starts on this member. */
    void enter(Context context) {
        calls.incrementAndGet();
        lastUsedNanos = System.nanoTime();
        running.addLast(context);
    }

    /** The call of {@code context} ended. */
    void exit(Context context) {
        running.removeFirstOccurrence(context);
        lastUsedNanos = System.nanoTime();
    }

    boolean dead() {
        return deathCause != null;
    }

    /** Marks the member dead (it is replaced) and closes its session or process. */
    void kill(String cause) {
        if (deathCause == null) deathCause = cause; // before close, so choosers skip it at once
        client.close();
    }

    @Override
    public String toString() {
        return agent + "#" + id;
    }
}
