package dev.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's decisions on hand-made measurements; the rerun is a stub that records what it was asked. */
class RegressionGateTest {
    private static final String DECODE = "dev.switchboard.benchmarks.CodecBenchmark.decode";
    private static final String BUS = "dev.switchboard.benchmarks.BusBenchmark.publishToHandled";

    private final List<List<String>> rerunAsked = new ArrayList<>();

    private static Measurement avgt(String benchmark, String impl, double nanos) {
        return new Measurement(benchmark, impl == null ? Map.of() : Map.of("impl", impl), "avgt", nanos, "ns/op");
    }

    private static Measurement thrpt(String benchmark, double opsPerMicro) {
        return new Measurement(benchmark, Map.of("impl", "switchboard", "subscribers", "1"), "thrpt", opsPerMicro, "ops/us");
    }

    private RegressionGate.Rerun answering(Measurement... again) {
        return suspects -> {
            rerunAsked.add(suspects.stream().map(Measurement::key).toList());
            return List.of(again);
        };
    }

    private static RegressionGate.Status status(RegressionGate.Report report, String key) {
        return report.verdicts().stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow().status();
    }

    @Test
    void judge_timeUpBeyondThreshold_regressesEvenAfterRerun() throws Exception {
        RegressionGate.Report report = RegressionGate.judge(List.of(avgt(DECODE, "switchboard", 100)), List.of(avgt(DECODE, "switchboard", 125)), 10,
                answering(avgt(DECODE, "switchboard", 118)));

        assertThat(report.passed()).isFalse();
        assertThat(rerunAsked).containsExactly(List.of("CodecBenchmark.decode [impl=switchboard]"));
        RegressionGate.Verdict v = report.verdicts().getFirst();
        assertThat(v.status()).isEqualTo(RegressionGate.Status.REGRESSED);
        assertThat(v.current().score()).as("the better of the two runs decides").isEqualTo(118);
        assertThat(v.line()).isEqualTo("REGRESSED  CodecBenchmark.decode [impl=switchboard]: 118 ns/op vs baseline 100 ns/op, 18.0% slower (better of two runs)");
        assertThat(report.render()).contains("FAIL: 1 of 1 benchmarks regressed by more than 10% or are missing");
    }

    @Test
    void judge_throughputDownBeyondThreshold_regresses() throws Exception {
        RegressionGate.Report report = RegressionGate.judge(List.of(thrpt(BUS, 10)), List.of(thrpt(BUS, 8)), 10, answering(thrpt(BUS, 7)));

        assertThat(status(report, "BusBenchmark.publishToHandled [impl=switchboard, subscribers=1]")).isEqualTo(RegressionGate.Status.REGRESSED);
        assertThat(report.verdicts().getFirst().current().score()).as("higher throughput is the better figure").isEqualTo(8);
    }

    @Test
    void judge_withinThreshold_passesWithoutRerun() throws Exception {
        RegressionGate.Report report = RegressionGate.judge(
                List.of(avgt(DECODE, "switchboard", 100), thrpt(BUS, 10)),
                List.of(avgt(DECODE, "switchboard", 109.9), thrpt(BUS, 9.2)), 10, answering());

        assertThat(report.passed()).isTrue();
        assertThat(rerunAsked).as("no suspects, no rerun").isEmpty();
        assertThat(report.verdicts()).extracting(RegressionGate.Verdict::status).containsOnly(RegressionGate.Status.OK);
        assertThat(report.render()).contains("PASS: no benchmark more than 10% slower than the baseline");
    }

    @Test
    void judge_peerSlower_isNotOurRegression() throws Exception {
        RegressionGate.Report report = RegressionGate.judge(
                List.of(avgt(DECODE, "switchboard", 100), avgt(DECODE, "jackson", 100)),
                List.of(avgt(DECODE, "switchboard", 100), avgt(DECODE, "jackson", 300)), 10, answering());

        assertThat(report.passed()).isTrue();
        assertThat(report.verdicts()).extracting(RegressionGate.Verdict::key).containsExactly("CodecBenchmark.decode [impl=switchboard]");
    }

    @Test
    void judge_baselineBenchmarkMissingFromRun_fails() throws Exception {
        String encode = "dev.switchboard.benchmarks.CodecBenchmark.encode";
        RegressionGate.Report report = RegressionGate.judge(
                List.of(avgt(DECODE, "switchboard", 100), avgt(encode, "switchboard", 80)),
                List.of(avgt(DECODE, "switchboard", 100), avgt("dev.switchboard.benchmarks.CodecBenchmark.encodeError", "switchboard", 90)), 10, answering());

        assertThat(report.passed()).isFalse();
        assertThat(status(report, "CodecBenchmark.encode [impl=switchboard]")).isEqualTo(RegressionGate.Status.MISSING);
        assertThat(status(report, "CodecBenchmark.encodeError [impl=switchboard]")).as("new, no baseline: reported, not failed").isEqualTo(RegressionGate.Status.NEW);
        assertThat(report.render()).contains("MISSING    CodecBenchmark.encode [impl=switchboard]: in the baseline (80.0 ns/op), not in this run");
    }

    @Test
    void judge_rerunWithinThreshold_clearsTheSuspect() throws Exception {
        RegressionGate.Report report = RegressionGate.judge(
                List.of(avgt(DECODE, "switchboard", 100), avgt("dev.switchboard.benchmarks.RegistryBenchmark.toolLookup", null, 20)),
                List.of(avgt(DECODE, "switchboard", 140), avgt("dev.switchboard.benchmarks.RegistryBenchmark.toolLookup", null, 20.5)), 10,
                answering(avgt(DECODE, "switchboard", 103)));

        assertThat(rerunAsked).as("only the suspect is measured again").containsExactly(List.of("CodecBenchmark.decode [impl=switchboard]"));
        assertThat(report.passed()).isTrue();
        RegressionGate.Verdict decode = report.verdicts().getFirst();
        assertThat(decode.status()).isEqualTo(RegressionGate.Status.OK);
        assertThat(decode.rerun()).isTrue();
        assertThat(decode.line()).endsWith("3.0% slower (better of two runs)");
    }

    @Test
    void judge_negativeThreshold_isRefused() {
        assertThatThrownBy(() -> RegressionGate.judge(List.of(), List.of(), -1, answering()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    }

    @Test
    void fromJmhJson_keepsImplAmongTheParams() {
        String json = """
                [{"benchmark":"dev.switchboard.benchmarks.CodecBenchmark.decode","mode":"avgt","params":{"impl":"jackson"},
                  "primaryMetric":{"score":412.5,"scoreError":3.1,"scoreUnit":"ns/op"},"secondaryMetrics":{}}]""";
        Measurement m = Measurement.fromJmhJson(json).getFirst();
        assertThat(m.key()).isEqualTo("CodecBenchmark.decode [impl=jackson]");
        assertThat(m.isOurs()).isFalse();
        assertThat(m.className()).isEqualTo("dev.switchboard.benchmarks.CodecBenchmark");
        assertThat(m.score()).isEqualTo(412.5);
    }
}
