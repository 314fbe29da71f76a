package dev.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Budget verdicts from a small JMH result, no benchmark run. */
class BudgetTest {
    private static final String JSON = """
            [{"benchmark":"dev.switchboard.benchmarks.CodecBenchmark.decode","mode":"avgt","params":{"impl":"switchboard"},
              "primaryMetric":{"score":1500,"scoreError":10,"scoreUnit":"ns/op"},"secondaryMetrics":{}},
             {"benchmark":"dev.switchboard.benchmarks.CodecBenchmark.decode","mode":"avgt","params":{"impl":"jackson"},
              "primaryMetric":{"score":900,"scoreError":10,"scoreUnit":"ns/op"},"secondaryMetrics":{}},
             {"benchmark":"dev.switchboard.benchmarks.McpCallBenchmark.toolCall","mode":"avgt","params":{},
              "primaryMetric":{"score":25.5,"scoreError":1,"scoreUnit":"us/op"},"secondaryMetrics":{}}]""";

    @Test
    void judgeAll_measuredBudgetsOnly_passOrFailOnOurFigure() {
        ResultTable table = ResultTable.fromJmhJson(JSON, java.util.Map.of());
        assertThat(Budget.judgeAll(table)).containsExactly(
                "PASS  JSON decode of a small message (a tools/call request): 1.50 µs, budget 2.00 µs",
                "FAIL  simple tool call in process (decode, dispatch, validate, handler, encode): 25.5 µs, budget 20.0 µs");
    }

    @Test
    void nanos_convertsTimeUnits() {
        assertThat(Budget.nanos(2, "us/op")).isEqualTo(2_000);
        assertThat(Budget.duration(85)).isEqualTo("85.0 ns");
    }
}
