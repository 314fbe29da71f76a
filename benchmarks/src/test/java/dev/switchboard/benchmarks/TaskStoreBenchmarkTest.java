package dev.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.tasks.TaskStore;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Goal judging and parameter reading of {@code ./sb bench tasks}; no timed assertion. */
class TaskStoreBenchmarkTest {
    private static final Path DIR = Path.of("target", "bench");

    @Test
    void verdicts_fastAndShortTail_passBoth() {
        var v = TaskStoreBenchmark.verdicts(new TaskStoreBenchmark.Figures(30_000, 2.0, 1.0, 9.9, 40));
        assertThat(v).extracting(Goal.Verdict::status).containsExactly(Goal.Status.PASS, Goal.Status.PASS);
        assertThat(v.getFirst().line()).isEqualTo("PASS  at least 10,000 durable creates/s: 15,000/s");
    }

    @Test
    void verdicts_slowOrLongTail_missEachOnItsOwn() {
        var slow = TaskStoreBenchmark.verdicts(new TaskStoreBenchmark.Figures(9_999, 1.0, 1.0, 2.0, 3));
        assertThat(slow).extracting(Goal.Verdict::status).containsExactly(Goal.Status.MISS, Goal.Status.PASS);
        var tail = TaskStoreBenchmark.verdicts(new TaskStoreBenchmark.Figures(50_000, 1.0, 1.0, 10.0, 30));
        assertThat(tail).extracting(Goal.Verdict::status).containsExactly(Goal.Status.PASS, Goal.Status.MISS);
        assertThat(tail.get(1).line()).isEqualTo("MISS  create p99 under 10.0 ms: 10.0 ms");
    }

    @Test
    void verdicts_nothingCreated_notMeasured() {
        var v = TaskStoreBenchmark.verdicts(new TaskStoreBenchmark.Figures(0, 1.0, 0, 0, 0));
        assertThat(v).extracting(Goal.Verdict::status).containsExactly(Goal.Status.NOT_MEASURED);
    }

    @Test
    void from_noParams_modeDefaults() {
        assertThat(TaskBenchSettings.from(true, Map.of(), DIR)).isEqualTo(TaskBenchSettings.quick(DIR));
        assertThat(TaskBenchSettings.from(false, Map.of(), DIR)).isEqualTo(TaskBenchSettings.standard(DIR));
    }

    @Test
    void from_params_overrideDefaults() {
        var s = TaskBenchSettings.from(true, Map.of("callers", "128", "seconds", "5", "rounds", "2", "warmup", "3", "dir", "/var/x"), DIR);
        assertThat(s).isEqualTo(new TaskBenchSettings(128, 3, 5, 2, Path.of("/var/x")));
    }

    @Test
    void from_unknownParam_refusedNamingIt() {
        assertThatThrownBy(() -> TaskBenchSettings.from(false, Map.of("threads", "4"), DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[threads]").hasMessageContaining("callers");
    }

    @Test
    void from_notAPositiveNumber_refusedNamingIt() {
        assertThatThrownBy(() -> TaskBenchSettings.from(false, Map.of("callers", "0"), DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("-p callers must be a whole number above 0, was '0'");
        assertThatThrownBy(() -> TaskBenchSettings.from(false, Map.of("seconds", "2,4"), DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-p seconds");
    }

    @Test
    void measure_realStore_countsEveryCreateItStored(@TempDir Path dir) throws Exception {
        var all = new Histogram(3);
        try (TaskStore store = TaskStore.embedded(dir)) {
            var figures = TaskStoreBenchmark.measure(store, 1, 4, all);
            assertThat(figures.creates()).isPositive().isEqualTo(store.size()).isEqualTo(all.getTotalCount());
        }
    }
}
