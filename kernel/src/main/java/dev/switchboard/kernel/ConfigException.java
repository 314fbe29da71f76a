package dev.switchboard.kernel;

import java.util.List;

/**
 * Invalid configuration: each problem names the key, where the value came from, and what is allowed.
 * Loading reports every problem it finds at once, so one run shows all that needs fixing.
 */
public final class ConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public ConfigException(String message) {
        this(List.of(message));
    }

    /** One exception for several problems; the message lists them one a line. */
    public ConfigException(List<String> problems) {
        super(problems.size() == 1 ? problems.getFirst()
                : problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
