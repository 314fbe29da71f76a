package dev.switchboard.cli;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import dev.switchboard.tasks.TaskLimits;
import java.util.List;

/**
 * The durable-task keys of {@code sb serve}. The store lives under {@code .switchboard/tasks} in
 * the working directory by default, so a server restarted in the same place finds the tasks it
 * accepted; it is opened only when the served example has tools that run as tasks.
 */
final class TaskOptions {
    static final ConfigKey<String> DIR = ConfigKey.string("tasks.dir", ".switchboard/tasks",
            "directory of the embedded task store (SQLite); relative to the working directory");
    static final ConfigKey<Integer> MAX_RUNNING = ConfigKey.integer("tasks.maxRunning", 1_000, 1, 10_000_000,
            "live tasks the server holds at once; past it a new task is refused with -32000 and retryAfterMs");
    static final ConfigKey<Integer> MAX_RUNNING_PER_SESSION = ConfigKey.integer("tasks.maxRunningPerSession", 100, 1, 10_000_000,
            "live tasks one session holds at once (stateless 2026-07-28 clients share one allowance)");
    static final ConfigKey<Long> DEFAULT_TTL_MS = ConfigKey.longInteger("tasks.defaultTtlMs", 3_600_000, 1_000, 31_536_000_000L,
            "how long a task is kept when the client asks for no TTL");
    static final ConfigKey<Long> MAX_TTL_MS = ConfigKey.longInteger("tasks.maxTtlMs", 86_400_000, 1_000, 31_536_000_000L,
            "the cap on any requested task TTL");
    static final List<ConfigKey<?>> KEYS = List.of(DIR, MAX_RUNNING, MAX_RUNNING_PER_SESSION, DEFAULT_TTL_MS, MAX_TTL_MS);

    private TaskOptions() {}

    static TaskLimits limits(Config c) {
        TaskLimits d = TaskLimits.defaults();
        long defaultTtl = c.get(DEFAULT_TTL_MS);
        long maxTtl = Math.max(defaultTtl, c.get(MAX_TTL_MS));
        return new TaskLimits(c.get(MAX_RUNNING), c.get(MAX_RUNNING_PER_SESSION), defaultTtl, maxTtl, d.pollIntervalMs(),
                d.retryAfterMs(), d.sweepIntervalMs());
    }
}
