package dev.switchboard.cli;

import dev.switchboard.agents.AgentStatus;
import dev.switchboard.agents.AgentsFile;
import dev.switchboard.agents.AgentsSettings;
import dev.switchboard.agents.Gateway;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.ops.Operations;
import dev.switchboard.ops.ReadinessCheck;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.function.ToDoubleFunction;

/**
 * {@code sb serve}'s side of the agents module: reads the file's {@code mcpServers}/{@code servers},
 * starts the gateway on the server, and shows each agent on /ready, /metrics and the dashboard.
 */
final class AgentsServing {
    private AgentsServing() {}

    /** The agents of the configuration file in use (none when there is no file); warnings go to {@code err}. */
    static AgentsFile read(ConfigOptions options, AgentsSettings settings, PrintWriter err) {
        if (!Files.isRegularFile(options.path())) return AgentsFile.none();
        AgentsFile file = AgentsFile.read(options.path(), settings);
        for (String warning : file.warnings()) err.println("sb: warning: " + warning);
        err.flush();
        return file;
    }

    /** With agents, the server's task store opens at build and left-over tasks resume once the agents' tools are registered. */
    static McpServer.Builder tasksOfAgents(McpServer.Builder builder, AgentsFile file) {
        return file.agents().isEmpty() ? builder : builder.recoverTasksLater();
    }

    /** find_tools ranks higher the tools of agents that succeeded on work like the query: the gateway remembers each agent tool call (the most recent 100,000). */
    static void rankByPatterns(Gateway gateway, dev.switchboard.agents.FindTools findTools, dev.switchboard.agents.Embedder embedder) {
        dev.switchboard.agents.PatternMemory memory = dev.switchboard.agents.PatternMemory.create(embedder, 100_000);
        gateway.remember(memory);
        findTools.rankBy(memory, gateway::agentOf);
    }

    /** Starts the gateway (null when the file names no agents) and plugs every agent into /ready, /metrics and the dashboard. */
    static Gateway start(McpServer server, AgentsFile file, AgentsSettings settings, Operations ops, PrintWriter err) {
        if (file.agents().isEmpty()) return null;
        Gateway gateway = Gateway.start(server, file.agents(), settings);
        MeterRegistry registry = ops.registry();
        for (var spec : file.agents()) {
            String name = spec.name();
            ops.addReadinessCheck(ReadinessCheck.of("agent/" + name, () -> AgentReadiness.of(status(gateway, name), gateway.memberStatus())));
            gauge(registry, "switchboard.agent.members", gateway, name, AgentStatus::members);
            gauge(registry, "switchboard.agent.inflight", gateway, name, AgentStatus::inFlight);
            gauge(registry, "switchboard.agent.queue.depth", gateway, name, AgentStatus::queued);
            gauge(registry, "switchboard.agent.latency.mean.micros", gateway, name, AgentStatus::meanMicros);
            gauge(registry, "switchboard.agent.circuits.open", gateway, name, AgentStatus::openCircuits);
            counter(registry, "switchboard.agent.restarts", gateway, name, AgentStatus::restarts);
            counter(registry, "switchboard.agent.failovers", gateway, name, AgentStatus::failovers);
            counter(registry, "switchboard.agent.refused", gateway, name, AgentStatus::refused);
            counter(registry, "switchboard.agent.calls", gateway, name, AgentStatus::calls);
            // messages from the agent refused unread (agents.maxMessageBytes, or not JSON-RPC), by why
            FunctionCounter.builder("switchboard.agent.answers.refused", gateway, g -> status(g, name).oversizedAnswers())
                    .tag("agent", name).tag("reason", "oversized").register(registry);
            FunctionCounter.builder("switchboard.agent.answers.refused", gateway, g -> status(g, name).unreadableAnswers())
                    .tag("agent", name).tag("reason", "unreadable").register(registry);
        }
        ops.showAgents(() -> AgentsDashboard.of(gateway)); // the dashboard's agents and members tables
        AgentMemberMetrics members = new AgentMemberMetrics(registry, gateway::memberStatus);
        ops.beforeScrape(members::refresh); // per member, only the members alive at the scrape
        // performance.autotune: each agent's adaptive concurrency limit (its changes are logged by AdaptiveLimit)
        gateway.adaptiveLimits().forEach((name, limit) -> {
            Gauge.builder("switchboard.agent.limit", limit, l -> l.limit()).description("an agent's adaptive concurrency limit now, all members together")
                    .tag("agent", name).register(registry);
            FunctionCounter.builder("switchboard.agent.limit.changes", limit, l -> l.changes()).tag("agent", name).register(registry);
            FunctionCounter.builder("switchboard.agent.limit.rollbacks", limit, l -> l.rollbacks()).tag("agent", name).register(registry);
            FunctionCounter.builder("switchboard.agent.limit.waits", limit, l -> l.refused())
                    .description("calls that found the agent at its adaptive limit and waited in its queue").tag("agent", name).register(registry);
        });
        // the aggregated catalogue's listing pages (dev.switchboard.mcp.ListingCache), beside the kernel's route and idempotency caches
        FunctionCounter.builder("switchboard.cache.hits", server, x -> x.listingCache().hits())
                .description("lookups the cache answered (route: route matches; idempotency: repeated correlation ids)").tag("cache", "catalogue").register(registry);
        FunctionCounter.builder("switchboard.cache.misses", server, x -> x.listingCache().misses())
                .description("lookups the cache could not answer").tag("cache", "catalogue").register(registry);
        FunctionCounter.builder("switchboard.cache.evictions", server, x -> x.listingCache().evictions())
                .description("entries a cache dropped for size or age").tag("cache", "catalogue").register(registry);
        Gauge.builder("switchboard.cache.hit.ratio", server, x -> x.listingCache().hitRate()).description("hits over lookups, 0..1").tag("cache", "catalogue").register(registry);
        err.println("sb serve: agents " + file.agents().stream().map(a -> a.name()).toList() + " starting behind this server");
        err.flush();
        return gateway;
    }

    private static AgentStatus status(Gateway gateway, String name) {
        return gateway.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static void gauge(MeterRegistry registry, String meter, Gateway gateway, String agent, ToDoubleFunction<AgentStatus> value) {
        Gauge.builder(meter, gateway, g -> value.applyAsDouble(status(g, agent))).tag("agent", agent).register(registry);
    }

    private static void counter(MeterRegistry registry, String meter, Gateway gateway, String agent, ToDoubleFunction<AgentStatus> value) {
        FunctionCounter.builder(meter, gateway, g -> value.applyAsDouble(status(g, agent))).tag("agent", agent).register(registry);
    }
}
