package dev.switchboard.cli;

import dev.switchboard.agents.AgentStatus;
import dev.switchboard.agents.Gateway;
import dev.switchboard.agents.MemberStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the gateway's agent and member status into the plain maps the dashboard shows
 * ({@code Operations.showAgents}): ops does not depend on the agents module, so the CLI, which
 * knows both, translates.
 */
final class AgentsDashboard {
    private AgentsDashboard() {}

    /** The gateway's agents now, each with its members, in configuration order. */
    static List<Map<String, Object>> of(Gateway gateway) {
        return of(gateway.status(), gateway.memberStatus());
    }

    static List<Map<String, Object>> of(List<AgentStatus> agents, List<MemberStatus> members) {
        List<Map<String, Object>> out = new ArrayList<>(agents.size());
        for (AgentStatus a : agents) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("ready", a.ready());
            m.put("failure", a.failure());
            m.put("members", a.members());
            m.put("inFlight", a.inFlight());
            m.put("queued", a.queued());
            m.put("openCircuits", a.openCircuits());
            m.put("restarts", a.restarts());
            m.put("failovers", a.failovers());
            m.put("calls", a.calls());
            m.put("meanMicros", Math.round(a.meanMicros() * 10) / 10.0);
            List<Map<String, Object>> list = new ArrayList<>();
            for (MemberStatus s : members) {
                if (!s.agent().equals(a.name())) continue;
                list.add(Map.of("id", s.id(), "outstanding", s.outstanding(), "calls", s.calls(), "circuit", s.circuit(), "alive", s.alive(),
                        "meanMicros", Math.round(s.meanMicros() * 10) / 10.0));
            }
            m.put("memberList", list);
            out.add(m);
        }
        return out;
    }
}
