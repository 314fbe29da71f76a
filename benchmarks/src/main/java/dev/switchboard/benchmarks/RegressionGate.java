package dev.switchboard.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a run regressed against a baseline: {@code ./sb bench SUITE --compare FILE
 * --threshold PCT} exits 1 when it did.
 *
 * <p>Only our benchmarks are judged ({@code impl=switchboard} or no {@code impl}): a peer library
 * getting slower is not our regression. A benchmark is a suspect when it is more than the threshold
 * slower than its baseline. Benchmarks on a shared machine are noisy, and a false alarm teaches
 * people to ignore the gate, so the suspects (and only they) are measured again and the better of
 * the two figures decides. A baseline benchmark the run did not produce fails the gate too, so a
 * renamed or dropped benchmark cannot slip out of it; a benchmark without a baseline is reported.
 */
final class RegressionGate {

    /** Measures the given benchmarks again (same benchmark, same parameters). */
    @FunctionalInterface
    interface Rerun {
        List<Measurement> measure(List<Measurement> suspects) throws Exception;
    }

    enum Status { OK, REGRESSED, MISSING, NEW }

    /**
     * @param baseline the baseline figure ({@code null} for {@link Status#NEW})
     * @param current  the deciding figure: the better of the run and its rerun ({@code null} for {@link Status#MISSING})
     * @param rerun    whether it was measured again
     */
    record Verdict(Status status, String key, Measurement baseline, Measurement current, boolean rerun) {
        String line() {
            return switch (status) {
                case MISSING -> String.format(Locale.ROOT, "MISSING    %s: in the baseline (%s), not in this run", key, figure(baseline));
                case NEW -> String.format(Locale.ROOT, "NEW        %s: %s, no baseline", key, figure(current));
                case OK, REGRESSED -> String.format(Locale.ROOT, "%-10s %s: %s vs baseline %s, %s%s", status, key, figure(current), figure(baseline),
                        change(current.slowdownFrom(baseline)), rerun ? " (better of two runs)" : "");
            };
        }

        private static String figure(Measurement m) {
            return ResultTable.number(m.score()) + " " + m.unit();
        }

        private static String change(double slowdown) {
            return String.format(Locale.ROOT, "%.1f%% %s", Math.abs(slowdown * 100), slowdown > 0 ? "slower" : "faster");
        }
    }

    record Report(List<Verdict> verdicts, double thresholdPercent) {
        boolean passed() {
            return verdicts.stream().noneMatch(v -> v.status() == Status.REGRESSED || v.status() == Status.MISSING);
        }

        String render() {
            StringBuilder out = new StringBuilder();
            for (Verdict v : verdicts) out.append("  ").append(v.line()).append('\n');
            long failed = verdicts.stream().filter(v -> v.status() == Status.REGRESSED || v.status() == Status.MISSING).count();
            out.append(passed()
                    ? String.format(Locale.ROOT, "  PASS: no benchmark more than %s%% slower than the baseline%n", percent(thresholdPercent))
                    : String.format(Locale.ROOT, "  FAIL: %d of %d benchmarks regressed by more than %s%% or are missing%n", failed, verdicts.size(), percent(thresholdPercent)));
            return out.toString();
        }
    }

    private RegressionGate() {}

    /** A threshold as written on the command line: {@code 10}, {@code 7.5}. */
    static String percent(double p) {
        return java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }

    /**
     * @param baseline         the baseline's measurements (of the benchmarks this run selected)
     * @param current          this run's
     * @param thresholdPercent how much slower is still fine, in percent (10 for 10%)
     * @param rerun            measures suspects again; called once, only when there are suspects
     */
    static Report judge(List<Measurement> baseline, List<Measurement> current, double thresholdPercent, Rerun rerun) throws Exception {
        if (!(thresholdPercent >= 0)) throw new IllegalArgumentException("threshold must be a percentage >= 0, was " + thresholdPercent);
        double threshold = thresholdPercent / 100;
        Map<String, Measurement> base = ours(baseline);
        Map<String, Measurement> now = ours(current);

        List<Measurement> suspects = new ArrayList<>();
        for (Map.Entry<String, Measurement> b : base.entrySet()) {
            Measurement c = now.get(b.getKey());
            if (c != null && c.slowdownFrom(b.getValue()) > threshold) suspects.add(c);
        }
        Map<String, Measurement> again = suspects.isEmpty() ? Map.of() : ours(rerun.measure(List.copyOf(suspects)));

        List<Verdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, Measurement> b : base.entrySet()) {
            Measurement c = now.get(b.getKey());
            if (c == null) {
                verdicts.add(new Verdict(Status.MISSING, b.getKey(), b.getValue(), null, false));
                continue;
            }
            Measurement second = again.get(b.getKey());
            Measurement deciding = second == null ? c : c.better(second);
            Status status = deciding.slowdownFrom(b.getValue()) > threshold ? Status.REGRESSED : Status.OK;
            verdicts.add(new Verdict(status, b.getKey(), b.getValue(), deciding, second != null));
        }
        for (Map.Entry<String, Measurement> c : now.entrySet())
            if (!base.containsKey(c.getKey())) verdicts.add(new Verdict(Status.NEW, c.getKey(), null, c.getValue(), false));
        return new Report(List.copyOf(verdicts), thresholdPercent);
    }

    private static Map<String, Measurement> ours(List<Measurement> measurements) {
        Map<String, Measurement> out = new LinkedHashMap<>();
        for (Measurement m : measurements) if (m.isOurs()) out.put(m.key(), m);
        return out;
    }
}
