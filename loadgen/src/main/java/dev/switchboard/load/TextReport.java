package dev.switchboard.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The terminal summary of one run. */
public final class TextReport {
    private TextReport() {}

    public static void print(LoadResult r, PrintStream out) {
        out.printf(Locale.ROOT, "%s → %s%n  operation %s, %d connection%s%n", r.scenario(), r.target(), r.operation(), r.connections(), r.connections() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  %d done, %d ok, %d errors in %.2f s: %.0f ok/s%n", r.requests(), r.ok(), r.requests() - r.ok(), r.seconds(), r.throughput());
        LoadResult.Latency l = r.latency();
        out.printf(Locale.ROOT, "  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  mean %.3f%n", l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean());
        if (!r.errors().isEmpty()) {
            out.print("  errors:");
            r.errors().forEach((kind, n) -> out.print(" " + kind + " ×" + n + ";"));
            out.println();
        }
        for (Map.Entry<String, Object> e : r.extra().entrySet()) out.printf(Locale.ROOT, "  %s: %s%n", e.getKey(), format(e.getValue()));
    }

    static String format(Object v) {
        if (v instanceof Double d) return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.3f", d);
        return String.valueOf(v);
    }
}
