package dev.switchboard.kernel;

import java.util.List;

/**
 * The adaptive admission limit's settings ({@code performance.autotune*}). With {@code enabled}
 * each subsystem gets its own {@link AdaptiveLimit} in place of the fixed
 * {@code performance.maxInflight} (which stays the kernel-wide ceiling).
 *
 * @param enabled           whether admission adapts ({@code performance.autotune})
 * @param algorithm         the proposing algorithm: {@code gradient2} or {@code vegas}
 * @param initialLimit      the limit a subsystem starts with
 * @param minLimit          the guard never goes below this
 * @param maxLimit          the guard never goes above this
 * @param maxChange         the largest change per window, as a fraction of the current limit (at least 1)
 * @param windowMillis      how often the guard applies the algorithm's proposal
 * @param minSamples        completed calls a window needs before it is judged
 * @param p99Tolerance      roll back when a window's p99 exceeds the last good window's by this factor
 * @param errorTolerance    roll back when a window's error rate exceeds the last good window's by this much
 * @param holdWindows       windows the guard holds the rolled-back limit before it follows the algorithm again
 */
public record AutotuneSettings(boolean enabled, String algorithm, int initialLimit, int minLimit, int maxLimit, double maxChange,
                               long windowMillis, int minSamples, double p99Tolerance, double errorTolerance, int holdWindows) {

    public static final ConfigKey<Boolean> AUTOTUNE = ConfigKey.bool("performance.autotune", false,
            "adapt each subsystem's admission limit (Netflix concurrency-limits, guarded) instead of the fixed performance.maxInflight");
    public static final ConfigKey<String> ALGORITHM = ConfigKey.choice("performance.autotuneAlgorithm", "vegas", List.of("vegas", "gradient2"),
            "the algorithm that proposes limits: vegas (queue estimate from the unloaded latency) or gradient2 (short against long latency average)");
    public static final ConfigKey<Integer> INITIAL_LIMIT = ConfigKey.integer("performance.autotuneInitialLimit", 8, 1, 1_000_000, "each subsystem's adaptive limit at start");
    public static final ConfigKey<Integer> MIN_LIMIT = ConfigKey.integer("performance.autotuneMinLimit", 4, 1, 1_000_000, "lowest adaptive limit");
    public static final ConfigKey<Integer> MAX_LIMIT = ConfigKey.integer("performance.autotuneMaxLimit", 1_024, 1, 10_000_000, "highest adaptive limit");
    public static final ConfigKey<Double> MAX_CHANGE = ConfigKey.decimal("performance.autotuneMaxChange", 0.10, 0.0, 1.0,
            "largest change of the limit per window, as a fraction of it (0.10 = ±10%; at least 1)");
    public static final ConfigKey<Long> WINDOW_MS = ConfigKey.longInteger("performance.autotuneWindowMs", 1_000, 10, 3_600_000, "how often a new limit may be applied");
    public static final ConfigKey<Integer> MIN_SAMPLES = ConfigKey.integer("performance.autotuneMinSamples", 20, 1, 1_000_000, "completed calls a window needs to be judged");
    public static final ConfigKey<Double> P99_TOLERANCE = ConfigKey.decimal("performance.autotuneP99Tolerance", 1.25, 1.0, 100.0,
            "roll back a change when the window's p99 exceeds the last good window's by this factor");
    public static final ConfigKey<Double> ERROR_TOLERANCE = ConfigKey.decimal("performance.autotuneErrorTolerance", 0.05, 0.0, 1.0,
            "roll back a change when the window's error rate exceeds the last good window's by this much (0.05 = 5 points)");
    public static final ConfigKey<Integer> HOLD_WINDOWS = ConfigKey.integer("performance.autotuneHoldWindows", 5, 0, 10_000,
            "windows a rolled-back limit is held before the algorithm is followed again");

    public static final List<ConfigKey<?>> KEYS = List.of(AUTOTUNE, ALGORITHM, INITIAL_LIMIT, MIN_LIMIT, MAX_LIMIT, MAX_CHANGE, WINDOW_MS,
            MIN_SAMPLES, P99_TOLERANCE, ERROR_TOLERANCE, HOLD_WINDOWS);

    public AutotuneSettings {
        if (!List.of("vegas", "gradient2").contains(algorithm))
            throw new IllegalArgumentException("performance.autotuneAlgorithm must be vegas or gradient2, was '" + algorithm + "'");
        if (minLimit < 1 || minLimit > maxLimit)
            throw new IllegalArgumentException("performance.autotuneMinLimit (" + minLimit + ") must be at least 1 and at most performance.autotuneMaxLimit (" + maxLimit + ")");
        if (initialLimit < minLimit || initialLimit > maxLimit)
            throw new IllegalArgumentException("performance.autotuneInitialLimit (" + initialLimit + ") must lie in performance.autotuneMinLimit..performance.autotuneMaxLimit ("
                    + minLimit + ".." + maxLimit + ")");
        if (!(maxChange > 0 && maxChange <= 1)) throw new IllegalArgumentException("performance.autotuneMaxChange must be in (0, 1], was " + maxChange);
        if (windowMillis < 1 || minSamples < 1 || holdWindows < 0 || !(p99Tolerance >= 1) || !(errorTolerance > 0))
            throw new IllegalArgumentException("autotune window, samples, hold and tolerances must be positive");
    }

    /** Autotuning off, the other values the defaults. */
    public static AutotuneSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    /** Reads the keys; a combination that cannot hold (min above max) is a {@link ConfigException} naming the keys. */
    public static AutotuneSettings from(Config c) {
        try {
            return new AutotuneSettings(c.get(AUTOTUNE), c.get(ALGORITHM), c.get(INITIAL_LIMIT), c.get(MIN_LIMIT), c.get(MAX_LIMIT), c.get(MAX_CHANGE),
                    c.get(WINDOW_MS), c.get(MIN_SAMPLES), c.get(P99_TOLERANCE), c.get(ERROR_TOLERANCE), c.get(HOLD_WINDOWS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public AutotuneSettings withEnabled(boolean on) {
        return new AutotuneSettings(on, algorithm, initialLimit, minLimit, maxLimit, maxChange, windowMillis, minSamples, p99Tolerance, errorTolerance, holdWindows);
    }

    public AutotuneSettings withAlgorithm(String name) {
        return new AutotuneSettings(enabled, name, initialLimit, minLimit, maxLimit, maxChange, windowMillis, minSamples, p99Tolerance, errorTolerance, holdWindows);
    }

    public AutotuneSettings withBounds(int initial, int min, int max) {
        return new AutotuneSettings(enabled, algorithm, initial, min, max, maxChange, windowMillis, minSamples, p99Tolerance, errorTolerance, holdWindows);
    }

    public AutotuneSettings withWindow(long millis, int samples) {
        return new AutotuneSettings(enabled, algorithm, initialLimit, minLimit, maxLimit, maxChange, millis, samples, p99Tolerance, errorTolerance, holdWindows);
    }
}
