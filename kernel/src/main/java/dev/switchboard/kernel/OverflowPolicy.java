package dev.switchboard.kernel;

import java.util.Arrays;

/** What a full {@link Mailbox} does with one more message. */
public enum OverflowPolicy {
    /** Evict the oldest queued message to make room (the default: fresh data beats stale). */
    DROP_OLDEST("drop-oldest"),
    /** Drop the newcomer. */
    DROP_NEWEST("drop-newest"),
    /** Refuse the newcomer; the caller gets an error. */
    REJECT("reject"),
    /** Wait up to the block timeout for room, then refuse. */
    BLOCK("block"),
    /** Spill into a priority-ordered overflow queue; when that is full too, drop the lowest priority. */
    PRIORITY("priority");

    private final String configName;

    OverflowPolicy(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration: {@code drop-oldest}, {@code drop-newest}, {@code reject}, {@code block}, {@code priority}. */
    public String configName() {
        return configName;
    }

    public static OverflowPolicy parse(String name) {
        for (OverflowPolicy p : values()) if (p.configName.equals(name)) return p;
        throw new IllegalArgumentException("'" + name + "' is not one of " + Arrays.stream(values()).map(OverflowPolicy::configName).toList());
    }
}
