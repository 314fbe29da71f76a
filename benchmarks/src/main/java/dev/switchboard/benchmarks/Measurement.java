package dev.switchboard.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JMH result, every parameter kept ({@code impl} included), as the regression gate compares
 * them: a run and its baseline meet on {@link #key()}.
 *
 * @param benchmark the full JMH name, {@code package.Class.method}
 * @param params    every {@code @Param}, sorted by name
 * @param mode      JMH's mode: {@code thrpt} (higher is better) or {@code avgt}, {@code sample}, {@code ss} (lower is better)
 * @param score     the primary score
 * @param unit      its unit ({@code ns/op}, {@code ops/us})
 */
record Measurement(String benchmark, Map<String, String> params, String mode, double score, String unit) {

    Measurement {
        params = new TreeMap<>(params);
    }

    static List<Measurement> fromJmhJson(String json) {
        List<Measurement> out = new ArrayList<>();
        for (JsonNode result : JsonMapper.shared().readTree(json)) {
            Map<String, String> params = new TreeMap<>();
            for (Map.Entry<String, JsonNode> p : result.path("params").properties()) params.put(p.getKey(), p.getValue().asString());
            JsonNode metric = result.path("primaryMetric");
            out.add(new Measurement(result.path("benchmark").asString(), params, result.path("mode").asString(),
                    metric.path("score").asDouble(), metric.path("scoreUnit").asString()));
        }
        return out;
    }

    /** {@code Class.method [a=1, impl=x]}: what a run and its baseline are matched on. */
    String key() {
        return shortName() + (params.isEmpty() ? "" : " " + paramsText());
    }

    String shortName() {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /** The class part of {@link #benchmark()}. */
    String className() {
        return benchmark.substring(0, benchmark.lastIndexOf('.'));
    }

    String paramsText() {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        params.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /** Ours, not a peer's: a peer's figure moving is not our regression. */
    boolean isOurs() {
        String impl = params.get(ResultTable.IMPL);
        return impl == null || impl.equals(ResultTable.OURS);
    }

    /** The better of two figures of the same benchmark. */
    Measurement better(Measurement other) {
        boolean otherWins = higherIsBetter() ? other.score > score : other.score < score;
        return otherWins ? other : this;
    }

    /**
     * How much worse this is than {@code baseline}, as a fraction of the baseline: {@code 0.12} is
     * 12% slower (time per op 12% up, or throughput 12% down); negative is faster.
     */
    double slowdownFrom(Measurement baseline) {
        return higherIsBetter() ? (baseline.score - score) / baseline.score : (score - baseline.score) / baseline.score;
    }
}
