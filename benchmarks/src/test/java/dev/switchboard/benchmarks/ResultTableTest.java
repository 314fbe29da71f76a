package dev.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ratio table and goal verdicts from a small hand-written JMH result file; no benchmark runs. */
class ResultTableTest {
    private static final double EPS = 1e-9;
    private static ResultTable table;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ResultTableTest.class.getResourceAsStream("/jmh-fixture.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            table = ResultTable.fromJmhJson(json, Map.of("MailboxHandoffBenchmark.handoff", "polled"));
        }
    }

    private static ResultTable.Row row(String benchmark, String params) {
        return table.rows().stream().filter(r -> r.benchmark().equals(benchmark) && r.params().equals(params)).findFirst().orElseThrow();
    }

    @Test
    void fromJmhJson_implParam_groupsPeersIntoOneRowPerOtherParams() {
        assertThat(table.rows()).extracting(ResultTable.Row::benchmark, ResultTable.Row::params).containsExactly(
                tuple("BusBenchmark.publishToHandled", "subscribers=1"),
                tuple("BusBenchmark.publishToHandled", "subscribers=4"),
                tuple("MailboxHandoffBenchmark.handoff", ""),
                tuple("CodecBenchmark.decode", ""),
                tuple("RouterBenchmark.withParams", ""));
        assertThat(row("BusBenchmark.publishToHandled", "subscribers=1").peers()).containsOnlyKeys("guava-async", "disruptor-blocking");
    }

    @Test
    void ratioTo_throughput_isOursOverPeer() {
        ResultTable.Row bus = row("BusBenchmark.publishToHandled", "subscribers=1");
        assertThat(bus.ratioTo("guava-async")).isCloseTo(0.4, within(EPS));
        assertThat(bus.ratioTo("disruptor-blocking")).isCloseTo(0.1, within(EPS));
    }

    @Test
    void ratioTo_timePerOperation_isPeerOverOurs() {
        assertThat(row("CodecBenchmark.decode", "").ratioTo("jackson")).isCloseTo(2.0, within(EPS));
    }

    @Test
    void ratioTo_missingPeer_isNull() {
        assertThat(row("BusBenchmark.publishToHandled", "subscribers=4").ratioTo("guava")).isNull();
    }

    @Test
    void fromJmhJson_metricOverride_scoresBySecondaryMetric() {
        ResultTable.Row handoff = row("MailboxHandoffBenchmark.handoff", "");
        assertThat(handoff.ours().value()).isEqualTo(8.0);
        assertThat(handoff.ratioTo("mpscArrayQueue")).isCloseTo(0.4, within(EPS));
    }

    @Test
    void fromJmhJson_nanError_isKeptAsNaN() {
        assertThat(row("BusBenchmark.publishToHandled", "subscribers=4").ours().error()).isNaN();
        assertThat(row("BusBenchmark.publishToHandled", "subscribers=1").ours().text()).isEqualTo("5.00 ± 0.500");
    }

    @Test
    void judge_peerAndLimitGoals_passOrMissPerRow() {
        // goals written here, not Suite.KERNEL's: the suite's goals change with the peers, the judging does not
        List<Goal> goals = List.of(
                new Goal.TimesPeer("bus publish→handle at least 3× Guava AsyncEventBus", Suite.BUS, BusUnderTest.GUAVA_ASYNC, 3),
                new Goal.TimesPeer("bus publish→handle at least 30% of the blocking Disruptor", Suite.BUS, BusUnderTest.DISRUPTOR_BLOCKING, 0.30),
                new Goal.Below("route match with params under 100 ns", "RouterBenchmark.withParams", 100));
        List<String> lines = goals.stream().flatMap(g -> g.judge(table).stream()).map(Goal.Verdict::line).toList();
        assertThat(lines).containsExactly(
                "MISS  bus publish→handle at least 3× Guava AsyncEventBus [subscribers=1]: 0.400×",
                "-     bus publish→handle at least 3× Guava AsyncEventBus [subscribers=4]: no score for us or for guava-async",
                "MISS  bus publish→handle at least 30% of the blocking Disruptor [subscribers=1]: 0.100×",
                "PASS  bus publish→handle at least 30% of the blocking Disruptor [subscribers=4]: 0.400×",
                "MISS  route match with params under 100 ns: 250 ns/op");
    }

    @Test
    void judge_benchmarkAbsent_isNotMeasured() {
        Goal goal = new Goal.Below("schema validation under 2 µs", "SchemaBenchmark.validate", 2_000);
        assertThat(goal.judge(table)).extracting(Goal.Verdict::status).containsExactly(Goal.Status.NOT_MEASURED);
    }

    @Test
    void render_peerLines_showScoresAndRatios() {
        String text = table.render();
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("benchmark").contains("switchboard", "peer score", "ratio");
        assertThat(text).containsPattern("BusBenchmark\\.publishToHandled +subscribers=1 +ops/us +5\\.00 ± 0\\.500 +guava-async +12\\.5 ± 0\\.250 +0\\.400×");
        assertThat(text).containsPattern("\\n +disruptor-blocking +50\\.0 ± 5\\.00 +0\\.100×");
        assertThat(text).containsPattern("RouterBenchmark\\.withParams +ns/op +250 ± 3\\.00 +-");
    }
}
