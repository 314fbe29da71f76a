package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agents.AgentStatus;
import dev.switchboard.agents.MemberStatus;
import dev.switchboard.ops.ReadinessCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An agent's /ready detail names its load and each live member of its own, and why it is not ready when it is not. */
class AgentReadinessTest {
    @Test
    void of_readyAgent_detailNamesLoadAndEachLiveMemberOfItsOwn() {
        List<MemberStatus> members = List.of(new MemberStatus("files", 1, 2, 40, "CLOSED", true, 250.0),
                new MemberStatus("files", 2, 0, 9, "OPEN", true, 250.0), new MemberStatus("files", 3, 0, 1, "CLOSED", false, 250.0),
                new MemberStatus("search", 1, 5, 5, "CLOSED", true, 250.0));
        ReadinessCheck.Readiness r = AgentReadiness.of(new AgentStatus("files", 2, 2, 4, 1, 3, 0, 50, 10, 1, null, 0, 0, true), members);
        assertThat(r.ready()).isTrue();
        assertThat(r.metric()).isEqualTo(2);
        assertThat(r.detail()).isEqualTo("2 members (#1 CLOSED, 2 outstanding; #2 OPEN, 0 outstanding), 2 in flight, 4 queued, "
                + "1 circuits open, 1 restarts, 3 failovers");
    }

    @Test
    void of_agentWithoutMembers_notReadyNamingWhy() {
        ReadinessCheck.Readiness r = AgentReadiness.of(new AgentStatus("files", 0, 0, 0, 2, 0, 0, 0, 0, 0, "spawn npx: not found", 0, 0, false), List.of());
        assertThat(r.ready()).isFalse();
        assertThat(r.detail()).isEqualTo("cannot start: spawn npx: not found (retrying with backoff)");
    }
}
