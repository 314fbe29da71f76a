package dev.switchboard.cli;

import dev.switchboard.agents.AgentStatus;
import dev.switchboard.agents.MemberStatus;
import dev.switchboard.ops.ReadinessCheck;
import java.util.List;
import java.util.StringJoiner;

/**
 * An agent's {@code /ready} answer: ready while it has a member; the detail names its load and each
 * live member's circuit and outstanding calls, so an operator reading /ready alone sees which member
 * is refusing work.
 */
final class AgentReadiness {
    private AgentReadiness() {}

    static ReadinessCheck.Readiness of(AgentStatus s, List<MemberStatus> members) {
        if (!s.ready()) return new ReadinessCheck.Readiness(false, 0,
                s.failure() != null ? "cannot start: " + s.failure() + " (retrying with backoff)" : "starting");
        StringJoiner each = new StringJoiner("; ", " (", ")");
        for (MemberStatus m : members)
            if (m.agent().equals(s.name()) && m.alive()) each.add("#" + m.id() + " " + m.circuit() + ", " + m.outstanding() + " outstanding");
        String detail = s.members() + " members" + each + ", " + s.inFlight() + " in flight, " + s.queued() + " queued, "
                + s.openCircuits() + " circuits open, " + s.restarts() + " restarts, " + s.failovers() + " failovers";
        return new ReadinessCheck.Readiness(true, s.members(), detail);
    }
}
