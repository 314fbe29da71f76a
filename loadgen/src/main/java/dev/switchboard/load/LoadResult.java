package dev.switchboard.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one scenario run, as printed, written to JSON and drawn in the HTML report.
 * Latencies are in milliseconds; {@code throughput} counts successful operations per second.
 *
 * @param operation   what one operation was ("tools/call add", "GET /health", "initialize+call+DELETE")
 * @param extra       scenario-specific figures (degradation ratio, memory per session, delivered/expected…)
 */
public record LoadResult(String scenario, String target, String operation, int connections, long requests, long ok,
                         Map<String, Long> errors, double seconds, double throughput, Latency latency,
                         List<Interval> timeline, List<Percentile> percentiles, Map<String, Object> extra) {

    /** Percentiles of the successful operations' latencies, in ms. */
    public record Latency(double p50, double p90, double p99, double p999, double max, double mean) {
        static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) return new Latency(0, 0, 0, 0, 0, 0);
            return new Latency(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1000.0);
        }
    }

    /** One point of the timeline: time since start, successes per second, mean and p99 in ms, errors. */
    public record Interval(double at, double throughput, double meanMs, double p99Ms, long errors) {}

    /** One point of the percentile curve. */
    public record Percentile(double percentile, double ms) {}

    /** Successful operations over all of them; 1 when there were none. */
    public double successRate() {
        return requests == 0 ? 1 : (double) ok / requests;
    }

    static List<Percentile> curve(Histogram h) {
        List<Percentile> out = new ArrayList<>();
        if (h.getTotalCount() == 0) return out;
        // 0, 50, 75, 87.5, … : halving the remaining tail each step, as HdrHistogram's own plots do
        for (double p : new double[] {0, 50, 75, 90, 95, 97.5, 99, 99.5, 99.75, 99.9, 99.95, 99.99, 99.999, 100})
            out.add(new Percentile(p, ms(p == 100 ? h.getMaxValue() : h.getValueAtPercentile(p))));
        return out;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
