package dev.switchboard.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run.
 *
 * @param suite     a suite name ({@link BenchRunner#suites()})
 * @param quick     about a minute: one fork, one short warmup, two short measurements, narrowed parameters
 * @param forks     forked JVMs per benchmark, 0 for the mode's default (1 quick, 3 full)
 * @param only      a regex on the suite's benchmark class names ({@code null}: all of them)
 * @param params    {@code @Param} values to run instead of the benchmark's own (and of {@code quick}'s)
 * @param profilers JMH profilers to attach, as for JMH's {@code -prof}: a name and optional {@code :options}
 *                  ({@code gc}, {@code jfr}, {@code perfnorm}, {@code async:libPath=…})
 * @param root      the repository root; results go to {@code target/bench/<suite>.json} under it
 * @param baseline  a JMH JSON file to compare the run with ({@code null}: no regression gate)
 * @param thresholdPercent with a baseline: how much slower than it a benchmark may be, in percent
 */
public record BenchRequest(String suite, boolean quick, int forks, String only, Map<String, List<String>> params, List<String> profilers, Path root,
                           Path baseline, double thresholdPercent) {
    /** The default regression threshold, in percent. */
    public static final double DEFAULT_THRESHOLD_PERCENT = 10;

    /** A run without a regression gate. */
    public BenchRequest(String suite, boolean quick, int forks, String only, Map<String, List<String>> params, List<String> profilers, Path root) {
        this(suite, quick, forks, only, params, profilers, root, null, DEFAULT_THRESHOLD_PERCENT);
    }

    public BenchRequest {
        if (!(thresholdPercent >= 0)) throw new IllegalArgumentException("threshold must be a percentage >= 0, was " + thresholdPercent);
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(root, "root");
        if (forks < 0) throw new IllegalArgumentException("forks must be >= 0, was " + forks);
        params = params == null ? Map.of() : Map.copyOf(params);
        profilers = profilers == null ? List.of() : List.copyOf(profilers);
    }
}
