package dev.switchboard.cli;

import dev.switchboard.agents.MemberStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Per-member meters on /metrics, tagged {@code agent} and {@code member}. Members die and are
 * replaced under new numbers, so fixed gauges would pile up: these are MultiGauges refreshed
 * before each scrape with the members alive then, and a replaced member's rows go.
 */
final class AgentMemberMetrics {
    private final Supplier<List<MemberStatus>> members;
    private final MultiGauge outstanding, requests, circuit, latency;

    AgentMemberMetrics(MeterRegistry registry, Supplier<List<MemberStatus>> members) {
        this.members = members;
        this.outstanding = MultiGauge.builder("switchboard.agent.member.outstanding")
                .description("calls given to a member and not yet answered").register(registry);
        this.requests = MultiGauge.builder("switchboard.agent.member.requests")
                .description("requests given to a member since it started (tool calls and the gateway's listings)").register(registry);
        this.latency = MultiGauge.builder("switchboard.agent.member.latency.mean.micros")
                .description("mean time of the forwarded calls a member answered, µs").register(registry);
        this.circuit = MultiGauge.builder("switchboard.agent.member.circuit")
                .description("1 for a member's circuit breaker state now (tag state: CLOSED, OPEN, HALF_OPEN, ...)").register(registry);
    }

    /** Replaces the rows with the members alive now. */
    void refresh() {
        List<MultiGauge.Row<?>> out = new ArrayList<>(), req = new ArrayList<>(), circ = new ArrayList<>(), lat = new ArrayList<>();
        for (MemberStatus m : members.get()) {
            if (!m.alive()) continue;
            Tags tags = Tags.of("agent", m.agent(), "member", Integer.toString(m.id()));
            out.add(MultiGauge.Row.of(tags, m.outstanding()));
            req.add(MultiGauge.Row.of(tags, m.calls()));
            lat.add(MultiGauge.Row.of(tags, m.meanMicros()));
            circ.add(MultiGauge.Row.of(tags.and("state", m.circuit()), 1));
        }
        outstanding.register(out, true);
        requests.register(req, true);
        circuit.register(circ, true);
        latency.register(lat, true);
    }
}
