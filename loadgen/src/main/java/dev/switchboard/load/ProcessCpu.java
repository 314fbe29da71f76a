package dev.switchboard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used (user + system), from {@code /proc/PID/stat}, for the cost per
 * delivered event of the scale runs. The kernel counts it in clock ticks of 10 ms (USER_HZ 100 on
 * Linux x86-64), which is fine over steps of seconds.
 */
final class ProcessCpu {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    /** Nanoseconds of CPU the process has used, or -1 when it cannot be read. */
    static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces: fields are counted after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
