package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agents.MemberStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Per-member meters follow the members alive at each refresh: a replaced member's rows go, so the series stay bounded. */
class AgentMemberMetricsTest {
    @Test
    void refresh_memberReplaced_deadMembersRowsRemovedAndNewOnesShown() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<List<MemberStatus>> now = new AtomicReference<>(List.of(
                new MemberStatus("files", 1, 2, 40, "CLOSED", true, 250.0), new MemberStatus("files", 2, 0, 9, "OPEN", true, 250.0)));
        AgentMemberMetrics metrics = new AgentMemberMetrics(registry, now::get);

        metrics.refresh();
        assertThat(registry.get("switchboard.agent.member.outstanding").tags("agent", "files", "member", "1").gauge().value()).isEqualTo(2);
        assertThat(registry.get("switchboard.agent.member.requests").tags("member", "2").gauge().value()).isEqualTo(9);
        assertThat(registry.get("switchboard.agent.member.latency.mean.micros").tags("member", "2").gauge().value()).isEqualTo(250.0);
        assertThat(registry.get("switchboard.agent.member.circuit").tags("member", "2", "state", "OPEN").gauge().value()).isEqualTo(1);

        now.set(List.of(new MemberStatus("files", 1, 0, 41, "CLOSED", true, 250.0), new MemberStatus("files", 2, 0, 9, "OPEN", false, 250.0),
                new MemberStatus("files", 3, 1, 1, "CLOSED", true, 250.0)));
        metrics.refresh();
        assertThat(registry.find("switchboard.agent.member.outstanding").tags("member", "2").gauges()).isEmpty();
        assertThat(registry.find("switchboard.agent.member.circuit").tags("member", "2").gauges()).isEmpty();
        assertThat(registry.find("switchboard.agent.member.outstanding").gauges()).hasSize(2);
        assertThat(registry.get("switchboard.agent.member.outstanding").tags("member", "3").gauge().value()).isEqualTo(1);
        assertThat(registry.get("switchboard.agent.member.requests").tags("member", "1").gauge().value()).isEqualTo(41);
    }
}
