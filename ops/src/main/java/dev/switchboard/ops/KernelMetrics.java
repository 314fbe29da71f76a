package dev.switchboard.ops;

import dev.switchboard.kernel.AdaptiveLimit;
import dev.switchboard.kernel.DeadLetter;
import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.MailboxStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's numbers as meters: in flight, the ledger, drops by reason, per-subsystem queue depth
 * and drops, each subsystem's adaptive limit (performance.autotune), and the hit rates of the route
 * cache and the idempotency window. Meters read the
 * kernel when scraped; {@link #refresh} adds the meters of subsystems registered since.
 */
final class KernelMetrics {
    private final Kernel kernel;
    private final MeterRegistry registry;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    KernelMetrics(Kernel kernel, MeterRegistry registry) {
        this.kernel = kernel;
        this.registry = registry;
        Gauge.builder("switchboard.kernel.inflight", kernel, Kernel::inFlight).description("messages accepted by the kernel and not yet ended, parked ones apart").register(registry);
        Gauge.builder("switchboard.kernel.parked", kernel, Kernel::parked).description("accepted messages whose handlers wait outside the server (on an MCP client's answer)").register(registry);
        FunctionCounter.builder("switchboard.kernel.accepted", kernel, k -> k.ledger().accepted()).description("messages the kernel accepted at admission").register(registry);
        FunctionCounter.builder("switchboard.kernel.delivered", kernel, k -> k.ledger().delivered()).description("messages delivered to their handler").register(registry);
        FunctionCounter.builder("switchboard.kernel.refused", kernel, k -> k.ledger().refused()).description("messages refused at admission").register(registry);
        for (DeadLetter.Reason reason : DeadLetter.Reason.values())
            FunctionCounter.builder("switchboard.dropped", kernel, k -> k.deadLetters().count(reason))
                    .description("messages the kernel did not deliver, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry);
        cache("route", k -> k.router().cacheCounts().hits(), k -> k.router().cacheCounts().misses(), k -> k.router().cacheCounts().hitRate());
        cache("idempotency", k -> k.bus().idempotencyCounts().hits(), k -> k.bus().idempotencyCounts().misses(), k -> k.bus().idempotencyCounts().hitRate());
        refresh();
    }

    private void cache(String name, java.util.function.ToDoubleFunction<Kernel> hits, java.util.function.ToDoubleFunction<Kernel> misses,
                       java.util.function.ToDoubleFunction<Kernel> rate) {
        FunctionCounter.builder("switchboard.cache.hits", kernel, hits).description("lookups the cache answered (route: route matches; idempotency: repeated correlation ids)").tag("cache", name).register(registry);
        FunctionCounter.builder("switchboard.cache.misses", kernel, misses).description("lookups the cache could not answer").tag("cache", name).register(registry);
        Gauge.builder("switchboard.cache.hit.ratio", kernel, rate).description("hits over lookups, 0..1").tag("cache", name).register(registry);
    }

    /** Registers the meters of subsystems the kernel gained since the last call. */
    void refresh() {
        for (String name : kernel.subsystems()) {
            if (!bound.add(name)) continue;
            Gauge.builder("switchboard.queue.depth", kernel, k -> stat(k, name).depth()).description("messages waiting in a subsystem's mailbox")
                    .tag("subsystem", name).register(registry);
            FunctionCounter.builder("switchboard.queue.dropped", kernel, k -> stat(k, name).dropped()).description("messages a subsystem's mailbox policy dropped")
                    .tag("subsystem", name).register(registry);
            AdaptiveLimit limit = kernel.adaptiveLimits().get(name);
            if (limit != null) adaptive(name, limit);
        }
    }

    /** performance.autotune: the subsystem's current limit, its changes and rollbacks, and what it refused. */
    private void adaptive(String name, AdaptiveLimit limit) {
        Gauge.builder("switchboard.admission.limit", limit, AdaptiveLimit::limit).description("a subsystem's adaptive admission limit now (performance.autotune)")
                .tag("subsystem", name).register(registry);
        Gauge.builder("switchboard.admission.inflight", limit, AdaptiveLimit::inFlight).description("calls in flight under a subsystem's adaptive limit")
                .tag("subsystem", name).register(registry);
        FunctionCounter.builder("switchboard.admission.limit.changes", limit, AdaptiveLimit::changes).description("changes of the adaptive limit applied from the algorithm's proposals")
                .tag("subsystem", name).register(registry);
        FunctionCounter.builder("switchboard.admission.limit.rollbacks", limit, AdaptiveLimit::rollbacks).description("times the guard put the last good limit back (p99 or errors worsened)")
                .tag("subsystem", name).register(registry);
        FunctionCounter.builder("switchboard.admission.refused", limit, AdaptiveLimit::refused).description("calls the adaptive limit refused (-32000 with retryAfterMs)")
                .tag("subsystem", name).register(registry);
    }

    private static MailboxStats stat(Kernel k, String name) {
        MailboxStats s = k.mailboxStats().get(name);
        return s != null ? s : new MailboxStats(0, 0, 0, 0, 0, 0);
    }
}
