package dev.switchboard.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JMH's JSON results turned into "us against each peer", one row per benchmark and parameter
 * combination.
 *
 * <p>The convention that makes this work for every suite: a benchmark puts its competitors in a
 * {@code @Param} named {@value #IMPL}, and our implementation is the value {@value #OURS}. The other
 * parameters (subscriber count, say) tell rows apart. A benchmark without an {@code impl} parameter
 * has only our score. A suite may name a secondary metric to score a benchmark by (a JMH group
 * benchmark's {@code @AuxCounters} field, for instance) instead of the primary score.
 *
 * <p>The ratio always reads "how many times faster we are": ours/peer for throughput, peer/ours for a
 * time per operation. Above 1 we win.
 */
final class ResultTable {
    static final String IMPL = "impl";
    static final String OURS = "switchboard";

    /** A score and its JMH error margin (99.9% confidence; NaN with too few iterations). */
    record Score(double value, double error) {
        String text() {
            return Double.isNaN(error) ? number(value) : number(value) + " ± " + number(error);
        }
    }

    /**
     * @param benchmark      {@code Class.method} (or {@code Class.group}), without the package
     * @param params         the parameters other than {@value #IMPL}, as {@code name=value, ...}
     * @param higherIsBetter throughput; otherwise a time per operation
     * @param ours           our score, or {@code null} when this run has none
     * @param peers          each peer's score, in the order JMH reported them
     */
    record Row(String benchmark, String params, String unit, boolean higherIsBetter, Score ours, Map<String, Score> peers) {
        /** How many times faster we are than {@code peer}; {@code null} when either score is missing. */
        Double ratioTo(String peer) {
            Score theirs = peers.get(peer);
            if (ours == null || theirs == null || ours.value() <= 0 || theirs.value() <= 0) return null;
            return higherIsBetter ? ours.value() / theirs.value() : theirs.value() / ours.value();
        }
    }

    private final List<Row> rows;

    private ResultTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * @param json            a JMH result file's content ({@code -rf json})
     * @param metricOverrides benchmark ({@code Class.method}) to the secondary metric that scores it
     */
    static ResultTable fromJmhJson(String json, Map<String, String> metricOverrides) {
        Map<String, RowBuilder> byKey = new LinkedHashMap<>();
        for (JsonNode result : JsonMapper.shared().readTree(json)) {
            String benchmark = shortName(result.path("benchmark").asString());
            String metricName = metricOverrides.get(benchmark);
            JsonNode metric = metricName == null ? result.path("primaryMetric") : result.path("secondaryMetrics").path(metricName);
            if (metric.isMissingNode()) throw new IllegalArgumentException("benchmark " + benchmark + " has no metric '" + metricName + "'");
            String impl = OURS;
            StringJoiner params = new StringJoiner(", ");
            for (Map.Entry<String, JsonNode> p : result.path("params").properties()) {
                if (p.getKey().equals(IMPL)) impl = p.getValue().asString();
                else params.add(p.getKey() + "=" + p.getValue().asString());
            }
            String key = benchmark + "|" + params;
            RowBuilder row = byKey.computeIfAbsent(key, k -> new RowBuilder(benchmark, params.toString(),
                    metric.path("scoreUnit").asString(), result.path("mode").asString().equals("thrpt")));
            Score score = new Score(metric.path("score").asDouble(), errorOf(metric.path("scoreError")));
            if (impl.equals(OURS)) row.ours = score;
            else row.peers.put(impl, score);
        }
        return new ResultTable(byKey.values().stream().map(RowBuilder::build).toList());
    }

    private static double errorOf(JsonNode error) {
        // JMH writes "NaN" as a string when it cannot compute a margin
        return error.isNumber() ? error.asDouble() : Double.NaN;
    }

    private static String shortName(String fullName) {
        int method = fullName.lastIndexOf('.');
        int type = fullName.lastIndexOf('.', method - 1);
        return fullName.substring(type + 1);
    }

    private static final class RowBuilder {
        final String benchmark;
        final String params;
        final String unit;
        final boolean higherIsBetter;
        Score ours;
        final Map<String, Score> peers = new LinkedHashMap<>();

        RowBuilder(String benchmark, String params, String unit, boolean higherIsBetter) {
            this.benchmark = benchmark;
            this.params = params;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        Row build() {
            return new Row(benchmark, params, unit, higherIsBetter, ours, Collections.unmodifiableMap(new LinkedHashMap<>(peers)));
        }
    }

    List<Row> rows() {
        return rows;
    }

    List<Row> rowsOf(String benchmark) {
        return rows.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
    }

    /** The table as text: one line per peer, our score on the row's first line. */
    String render() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"benchmark", "params", "unit", OURS, "peer", "peer score", "ratio"});
        for (Row row : rows) {
            String ours = row.ours() == null ? "-" : row.ours().text();
            if (row.peers().isEmpty()) {
                lines.add(new String[] {row.benchmark(), row.params(), row.unit(), ours, "-", "", ""});
                continue;
            }
            boolean first = true;
            for (Map.Entry<String, Score> peer : row.peers().entrySet()) {
                Double ratio = row.ratioTo(peer.getKey());
                lines.add(new String[] {first ? row.benchmark() : "", first ? row.params() : "", first ? row.unit() : "",
                        first ? ours : "", peer.getKey(), peer.getValue().text(), ratio == null ? "-" : ratio(ratio)});
                first = false;
            }
        }
        int[] width = new int[lines.getFirst().length];
        for (String[] line : lines)
            for (int i = 0; i < line.length; i++) width[i] = Math.max(width[i], line[i].length());
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean numeric = i == 3 || i == 5 || i == 6;
                String cell = numeric ? " ".repeat(width[i] - line[i].length()) + line[i] : line[i] + " ".repeat(width[i] - line[i].length());
                b.append(cell).append(i + 1 < line.length ? "  " : "");
            }
            out.append(b.toString().stripTrailing()).append('\n');
        }
        return out.append("ratio: how many times faster we are than the peer (ours/peer for throughput, peer/ours for time per op)\n").toString();
    }

    /** Three significant digits, without exponents for the ranges benchmarks produce. */
    static String number(double v) {
        double a = Math.abs(v);
        if (Double.isNaN(v)) return "NaN";
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String ratio(double r) {
        return number(r) + "×";
    }
}
