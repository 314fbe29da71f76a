package dev.switchboard.agents;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/*
 * What one call costs the whole process, counted rather than timed: on a shared 2-core machine
 * wall-clock figures move with other people's builds, while bytes allocated and threads woken per
 * call do not. Bytes: every thread's allocation counter (virtual threads allocate on their
 * carriers). Wake-ups: voluntary context switches of every thread of the process (a thread that
 * parks and is woken again, the cost of each hand-over between threads), from /proc.
 */
record CallCosts(double bytes, double wakeUps) {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Runs {@code call} {@code n} times and divides what the process spent by {@code n}. */
    static CallCosts of(int n, Runnable call) {
        long bytes = THREADS.getTotalThreadAllocatedBytes(), switches = voluntarySwitches();
        for (int i = 0; i < n; i++) call.run();
        return new CallCosts((THREADS.getTotalThreadAllocatedBytes() - bytes) / (double) n, (voluntarySwitches() - switches) / (double) n);
    }

    CallCosts minus(CallCosts other) {
        return new CallCosts(bytes - other.bytes, wakeUps - other.wakeUps);
    }

    /** Voluntary context switches of every live thread of this process (-1 where /proc is missing). */
    static long voluntarySwitches() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToLong(CallCosts::switchesOf).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long switchesOf(Path task) {
        try {
            for (String line : Files.readAllLines(task.resolve("status")))
                if (line.startsWith("voluntary_ctxt_switches:")) return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException | NumberFormatException e) {
            return 0; // the thread ended meanwhile
        }
        return 0;
    }
}
