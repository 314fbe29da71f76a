package dev.switchboard.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process's memory, read from outside: resident set size from {@code /proc/PID/status}
 * for any process, and for a JVM also the heap in use from {@code jcmd PID GC.heap_info} (after
 * asking for a GC with {@code jcmd PID GC.run} when {@code settle} is set, so garbage does not
 * count as growth). Each figure says where it came from.
 */
final class ServerMemory {
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private ServerMemory() {}

    /** Bytes: rss always (or -1), heapUsed for a JVM (or -1). */
    record Sample(long rss, long heapUsed) {
        static final Sample NONE = new Sample(-1, -1);
    }

    static Sample sample(long pid) {
        return sample(pid, false);
    }

    static Sample sample(long pid, boolean settle) {
        if (pid <= 0) return Sample.NONE;
        long rss = rss(pid);
        if (!isJava(pid)) return new Sample(rss, -1);
        if (settle) jcmd(pid, "GC.run");
        return new Sample(settle ? rss(pid) : rss, heapUsed(jcmd(pid, "GC.heap_info")));
    }

    static long rss(long pid) {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static boolean isJava(long pid) {
        try {
            String exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString();
            return exe.endsWith("/java");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The heap in use from GC.heap_info: the sum of the generations' (or the G1 heap's) "used". */
    static long heapUsed(String heapInfo) {
        if (heapInfo == null) return -1;
        long kb = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            String t = line.trim();
            if (t.startsWith("PSYoungGen") || t.startsWith("ParOldGen") || t.startsWith("garbage-first heap")
                    || t.startsWith("def new generation") || t.startsWith("tenured generation")) {
                Matcher m = USED.matcher(t);
                if (m.find()) {
                    kb += Long.parseLong(m.group(1));
                    found = true;
                }
            }
        }
        return found ? kb * 1024 : -1;
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) return null;
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The growth from {@code before} to {@code after}, with the source of each figure named. */
    static Map<String, Object> growth(Sample before, Sample after) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (before.rss() >= 0 && after.rss() >= 0) {
            out.put("serverRssBeforeBytes", before.rss());
            out.put("serverRssGrowthBytes", after.rss() - before.rss());
            out.put("serverRssSource", "/proc/PID/status VmRSS");
        }
        if (before.heapUsed() >= 0 && after.heapUsed() >= 0) {
            out.put("serverHeapBeforeBytes", before.heapUsed());
            out.put("serverHeapGrowthBytes", after.heapUsed() - before.heapUsed());
            out.put("serverHeapSource", "jcmd PID GC.heap_info (used, after jcmd PID GC.run)");
        }
        return out;
    }
}
