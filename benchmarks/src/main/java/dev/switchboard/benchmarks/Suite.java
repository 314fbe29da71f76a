package dev.switchboard.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named set of benchmark classes that {@code ./sb bench <name>} runs together, with the goals its
 * issue sets. A new suite is one more constant here and in {@link #ALL}; the per-operation latency
 * budgets ({@link Budget}) apply to whichever suite measures their benchmark.
 *
 * @param name            what follows {@code ./sb bench}
 * @param description     one line for the help text
 * @param benchmarks      the JMH classes it runs
 * @param metricOverrides benchmark ({@code Class.method}) to the secondary metric that scores it
 * @param quickParams     {@code @Param} values that {@code --quick} narrows to (none: all values)
 * @param goals           the targets printed with PASS or MISS
 */
record Suite(String name, String description, List<Class<?>> benchmarks, Map<String, String> metricOverrides,
             Map<String, List<String>> quickParams, List<Goal> goals) {

    static final String BUS = "BusBenchmark.publishToHandled";

    static final Suite KERNEL = new Suite("kernel", "mailbox, event bus and router against ArrayBlockingQueue, JCTools, Guava and the Disruptor",
            List.of(MailboxBenchmark.class, MailboxHandoffBenchmark.class, BusBenchmark.class, RouterBenchmark.class),
            Map.of("MailboxHandoffBenchmark.handoff", "polled"),
            Map.of(),
            List.of(
                    new Goal.TimesPeer("bus publish→handle at least 3× Guava AsyncEventBus", BUS, BusUnderTest.GUAVA_ASYNC, 3),
                    new Goal.TimesPeer("bus publish→handle at least 30% of the blocking Disruptor", BUS, BusUnderTest.DISRUPTOR_BLOCKING, 0.30),
                    new Goal.Below("route match with params under 100 ns", "RouterBenchmark.withParams", 100)));

    static final Suite CODEC = new Suite("codec", "JSON-RPC decode and encode of a tools/call and its result against plain Jackson databind to a Map",
            List.of(CodecBenchmark.class), Map.of(), Map.of(), List.of());

    static final Suite SCHEMA = new Suite("schema", "tool input validation with the schema compiled once against compiling it per call",
            List.of(SchemaBenchmark.class), Map.of(), Map.of(), List.of());

    static final Suite ROUTER = new Suite("router", "kernel route matching: static paths, paths with parameters, with and without the match cache",
            List.of(RouterBenchmark.class), Map.of(), Map.of(),
            List.of(new Goal.Below("route match with params under 100 ns", "RouterBenchmark.withParams", 100)));

    static final Suite MCP = new Suite("mcp", "a tool call and a resource read through the server in process, and the registry lookup",
            List.of(McpCallBenchmark.class, RegistryBenchmark.class), Map.of(), Map.of(), List.of());

    static final Suite OPS = new Suite("ops", "what metrics and tracing at 1% sampling add to one request",
            List.of(ObserverBenchmark.class), Map.of(), Map.of(), List.of());

    static final Suite AUTH = new Suite("auth", "what the OAuth resource server costs a request: a JWT access token checked against the cached key set",
            List.of(AuthBenchmark.class), Map.of(), Map.of(),
            List.of(new Goal.Below("token validation per request (cached JWKS) under 20 µs", "AuthBenchmark.validate", 20_000)));

    static final Map<String, Suite> ALL = index(KERNEL, CODEC, SCHEMA, ROUTER, MCP, OPS, AUTH);

    private static Map<String, Suite> index(Suite... suites) {
        Map<String, Suite> out = new LinkedHashMap<>();
        for (Suite s : suites) out.put(s.name(), s);
        return Map.copyOf(out);
    }
}
