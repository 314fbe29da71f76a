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
 */
public record BenchRequest(String suite, boolean quick, int forks, String only, Map<String, List<String>> params, List<String> profilers, Path root) {
    public BenchRequest {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(root, "root");
        if (forks < 0) throw new IllegalArgumentException("forks must be >= 0, was " + forks);
        params = params == null ? Map.of() : Map.copyOf(params);
        profilers = profilers == null ? List.of() : List.copyOf(profilers);
    }
}
