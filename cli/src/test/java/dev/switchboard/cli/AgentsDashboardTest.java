package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agents.AgentStatus;
import dev.switchboard.agents.MemberStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's agents section is the gateway's status, each agent with its own members only. */
class AgentsDashboardTest {
    @Test
    void of_twoAgentsAndTheirMembers_eachAgentCarriesItsFiguresAndOnlyItsMembers() {
        List<AgentStatus> agents = List.of(
                new AgentStatus("files", 2, 3, 4, 5, 6, 7, 800, 1234.56, 1, null, 0, 0, true),
                new AgentStatus("search", 0, 0, 0, 9, 0, 0, 0, 0, 0, "spawn failed", 0, 0, false));
        List<MemberStatus> members = List.of(
                new MemberStatus("files", 1, 2, 500, "CLOSED", true, 250.0),
                new MemberStatus("files", 3, 1, 300, "OPEN", true, 250.0));

        List<Map<String, Object>> shown = AgentsDashboard.of(agents, members);

        assertThat(shown).hasSize(2);
        Map<String, Object> files = shown.get(0);
        assertThat(files).containsEntry("name", "files").containsEntry("ready", true).containsEntry("inFlight", 3L)
                .containsEntry("queued", 4).containsEntry("restarts", 5L).containsEntry("failovers", 6L).containsEntry("calls", 800L)
                .containsEntry("openCircuits", 1).containsEntry("meanMicros", 1234.6).containsEntry("failure", null);
        assertThat(files.get("memberList")).isEqualTo(List.of(
                Map.of("id", 1, "outstanding", 2, "calls", 500L, "circuit", "CLOSED", "alive", true, "meanMicros", 250.0),
                Map.of("id", 3, "outstanding", 1, "calls", 300L, "circuit", "OPEN", "alive", true, "meanMicros", 250.0)));
        Map<String, Object> search = shown.get(1);
        assertThat(search).containsEntry("ready", false).containsEntry("failure", "spawn failed").containsEntry("restarts", 9L);
        assertThat((List<?>) search.get("memberList")).isEmpty();
    }
}
