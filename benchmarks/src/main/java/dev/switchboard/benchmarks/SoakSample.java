package dev.switchboard.benchmarks;

/**
 * One interval of the soak: when it ended (seconds since the start), the heap in use right after a
 * full GC, the process's resident set, the operations done and failed in the interval, and their
 * latency percentiles.
 */
record SoakSample(double atSeconds, long heapAfterGcBytes, long rssBytes, long operations, long errors, double p50Millis, double p99Millis) {
    static String csvHeader() {
        return "seconds,heap_after_gc_bytes,rss_bytes,operations,errors,p50_ms,p99_ms";
    }

    String csv() {
        return String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%d,%d,%.3f,%.3f", atSeconds, heapAfterGcBytes, rssBytes, operations, errors, p50Millis, p99Millis);
    }
}
