package dev.switchboard.load;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time per process (or per group of threads of this JVM) over measured rounds, divided by the
 * calls those rounds made: where a set-up's CPU goes, which on a shared machine says more than its
 * wall-clock rate. Each source is a reading of nanoseconds used so far; a round adds the
 * difference between its readings after and before.
 */
final class CpuAccount {
    private final Map<String, LongSupplier> sources = new LinkedHashMap<>();
    private final Map<String, Long> spent = new LinkedHashMap<>();
    private long calls;

    /** Adds a source: a process's CPU ({@link #process}) or a thread group's ({@link #threads}). */
    CpuAccount add(String name, LongSupplier nanos) {
        sources.put(name, nanos);
        spent.put(name, 0L);
        return this;
    }

    /** The readings now, to pass to {@link #record} after the round. */
    Map<String, Long> read() {
        Map<String, Long> now = new LinkedHashMap<>();
        sources.forEach((name, s) -> now.put(name, s.getAsLong()));
        return now;
    }

    /** Adds the CPU used since {@code before} and the round's {@code roundCalls}. */
    void record(Map<String, Long> before, long roundCalls) {
        Map<String, Long> after = read();
        after.forEach((name, n) -> spent.merge(name, Math.max(0, n - before.get(name)), Long::sum));
        calls += roundCalls;
    }

    Map<String, Long> spentNanos() {
        return spent;
    }

    long calls() {
        return calls;
    }

    /** CPU milliseconds per 1,000 calls of source {@code name}. */
    double msPerThousand(String name) {
        return calls == 0 ? 0 : spent.get(name) / 1e6 / (calls / 1000.0);
    }

    double totalMsPerThousand() {
        return spent.keySet().stream().mapToDouble(this::msPerThousand).sum();
    }

    /** A process's user + system CPU, from {@code /proc}. */
    static LongSupplier process(long pid) {
        return () -> Math.max(0, ProcessCpu.nanos(pid));
    }

    /** This JVM's CPU less the threads whose names start with {@code excluded}. */
    static LongSupplier thisJvmExcept(String excluded) {
        long pid = ProcessHandle.current().pid();
        LongSupplier threads = threads(excluded);
        return () -> Math.max(0, ProcessCpu.nanos(pid)) - threads.getAsLong();
    }

    /** The CPU of this JVM's live threads whose names start with {@code prefix}. */
    static LongSupplier threads(String prefix) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return () -> {
            long sum = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith(prefix)) sum += Math.max(0, mx.getThreadCpuTime(t.threadId()));
            }
            return sum;
        };
    }

    /** Prints CPU ms per 1,000 calls for each source of {@code a} and {@code b} side by side, then the totals. */
    static void print(PrintStream out, String aName, CpuAccount a, String bName, CpuAccount b) {
        Set<String> names = new LinkedHashSet<>(a.spent.keySet());
        names.addAll(b.spent.keySet());
        out.printf(Locale.ROOT, "%-46s %12s %12s%n", "CPU ms per 1,000 calls (user+system)", aName, bName);
        for (String n : names) out.printf(Locale.ROOT, "%-46s %12s %12s%n", n, cell(a, n), cell(b, n));
        out.printf(Locale.ROOT, "%-46s %12.1f %12.1f%n", "total", a.totalMsPerThousand(), b.totalMsPerThousand());
    }

    private static String cell(CpuAccount a, String name) {
        return a.spent.containsKey(name) ? String.format(Locale.ROOT, "%.1f", a.msPerThousand(name)) : "-";
    }
}
