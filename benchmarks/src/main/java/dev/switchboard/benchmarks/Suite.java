package dev.switchboard.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named set of benchmark classes that {@code ./sb bench <name>} runs together, with the goals its
 * issue sets. A later suite (codec, schema, router…) is one more constant here and in {@link #ALL}.
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
                    new Goal.TimesPeer("bus publish→handle at least 10× Guava EventBus", BUS, BusUnderTest.GUAVA, 10),
                    new Goal.TimesPeer("bus publish→handle at least 30% of the raw Disruptor floor", BUS, BusUnderTest.DISRUPTOR, 0.30),
                    new Goal.Below("route match with params under 200 ns", "RouterBenchmark.withParams", 200)));

    static final Map<String, Suite> ALL = index(KERNEL);

    private static Map<String, Suite> index(Suite... suites) {
        Map<String, Suite> out = new LinkedHashMap<>();
        for (Suite s : suites) out.put(s.name(), s);
        return Map.copyOf(out);
    }
}
