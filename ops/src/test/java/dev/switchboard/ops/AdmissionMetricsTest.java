package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.kernel.AutotuneSettings;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.transport.ConnectionSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionMetricsTest {
    @Test
    void metrics_autotuneOn_showEachSubsystemsLimitChangesAndRollbacks() throws Exception {
        KernelConfig config = KernelConfig.defaults().withAutotune(AutotuneSettings.defaults().withEnabled(true).withBounds(12, 4, 100));
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults(), null, ConnectionSettings.defaults(), config)) {
            String text = demo.get("/metrics").body();
            assertThat(text).contains("switchboard_admission_limit{subsystem=\"tools\"} 12.0");
            assertThat(text).contains("switchboard_admission_limit_changes_total{subsystem=\"tools\"} 0.0");
            assertThat(text).contains("switchboard_admission_limit_rollbacks_total{subsystem=\"tools\"} 0.0");
            assertThat(text).contains("switchboard_admission_refused_total{subsystem=\"tools\"}");
            // the feed takes a snapshot a second; the first was taken before the demo registered its subsystems
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(demo.ops.dashboardSnapshot().admissionLimits()).containsEntry("tools", 12));
            assertThat(demo.ops.dashboardSnapshot().limitRollbacks()).isZero();
        }
    }

    @Test
    void metrics_autotuneOff_haveNoAdmissionMeters() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            assertThat(demo.get("/metrics").body()).doesNotContain("switchboard_admission_limit");
        }
    }
}
