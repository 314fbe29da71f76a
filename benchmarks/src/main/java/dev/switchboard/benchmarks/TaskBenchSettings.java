package dev.switchboard.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How {@code ./sb bench tasks} runs, read from {@code --quick} and {@code -p name=value}: kept apart
 * from the measuring so a bad parameter is refused, with its name, before any store is opened.
 *
 * @param callers       virtual threads creating tasks at once (what group commit batches)
 * @param warmupSeconds seconds of creates before the figures count
 * @param seconds       length of one measured round
 * @param rounds        measured rounds, judged together
 * @param directory     where the store's temporary directory goes
 */
record TaskBenchSettings(int callers, int warmupSeconds, int seconds, int rounds, Path directory) {
    static final Set<String> NAMES = Set.of("callers", "warmup", "seconds", "rounds", "dir");

    static TaskBenchSettings standard(Path directory) {
        return new TaskBenchSettings(64, 2, 8, 3, directory);
    }

    static TaskBenchSettings quick(Path directory) {
        return new TaskBenchSettings(64, 1, 3, 1, directory);
    }

    /**
     * The mode's defaults with {@code params} applied.
     *
     * @throws IllegalArgumentException naming an unknown parameter or one whose value is not a positive whole number
     */
    static TaskBenchSettings from(boolean quick, Map<String, String> params, Path defaultDirectory) {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(NAMES);
        if (!unknown.isEmpty())
            throw new IllegalArgumentException("the tasks benchmark has no parameter " + unknown + "; it takes " + new TreeSet<>(NAMES));
        TaskBenchSettings base = quick ? quick(defaultDirectory) : standard(defaultDirectory);
        return new TaskBenchSettings(
                positive(params, "callers", base.callers()),
                positive(params, "warmup", base.warmupSeconds()),
                positive(params, "seconds", base.seconds()),
                positive(params, "rounds", base.rounds()),
                params.containsKey("dir") ? Path.of(params.get("dir")) : defaultDirectory);
    }

    private static int positive(Map<String, String> params, String name, int fallback) {
        String text = params.get(name);
        if (text == null) return fallback;
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) return value;
        } catch (NumberFormatException e) {
            // refused below, with the parameter's name
        }
        throw new IllegalArgumentException("-p " + name + " must be a whole number above 0, was '" + text + "'");
    }
}
