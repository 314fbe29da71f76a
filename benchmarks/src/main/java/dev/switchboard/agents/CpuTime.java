package dev.switchboard.agents;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/*
 * CPU time a process (every thread of it) has run, in ns, from Linux's /proc/<pid>/task/<tid>/schedstat.
 * Why: on a shared, loaded machine a call's wall time mostly measures the queue for the cores;
 * the CPU a process spent on a call (its own threads, the JIT's and the GC's among them) does not
 * depend on who else runs, so first against warm can be compared by work done. -1 where /proc is absent.
 */
final class CpuTime {
    private CpuTime() {}

    /** ns of CPU used so far by the process {@code pid}, or -1 when it cannot be read. */
    static long ofProcess(long pid) {
        return ofThreads(pid, false);
    }

    /** ns of CPU used so far by the JIT compiler threads of the JVM {@code pid}, or -1. */
    static long ofCompilers(long pid) {
        return ofThreads(pid, true);
    }

    private static long ofThreads(long pid, boolean compilersOnly) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    if (compilersOnly && !Files.readString(task.resolve("comm")).matches("C[12] Compiler.*\\s*")) continue;
                    String s = Files.readString(task.resolve("schedstat"));
                    sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }

    /** ns of CPU used so far by every process descending from {@code pid} (the gateway's agent processes), or -1. */
    static long ofDescendants(long pid) {
        return ProcessHandle.of(pid).map(h -> h.descendants().mapToLong(d -> ofProcess(d.pid())).reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b))
                .orElse(-1L);
    }
}
