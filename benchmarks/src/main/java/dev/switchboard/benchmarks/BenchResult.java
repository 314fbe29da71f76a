package dev.switchboard.benchmarks;

import java.nio.file.Path;

/**
 * What a bench run left.
 *
 * @param json     the JMH result file, {@code target/bench/<suite>.json}
 * @param compared whether the run was compared with a baseline
 * @param passed   {@code false} only when compared and a benchmark regressed beyond the threshold or is missing
 */
public record BenchResult(Path json, boolean compared, boolean passed) {}
