package dev.switchboard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report: tables and inline SVG charts drawn here, no script, no CDN, so
 * the file opens anywhere and can be archived beside the JSON. One section per scenario; within a
 * section each named run (a peer, or the single target of {@code sb load}) is one series.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** One chart group: a scenario, and the runs to draw in it by name. */
    public record Section(String title, Map<String, LoadResult> runs) {}

    public static void write(String title, List<String> preface, List<Section> sections, Path file) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset='utf-8'><title>")
                .append(SvgChart.escape(title)).append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1400px}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "th{background:#f4f4f4}td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:12px}pre{background:#f8f8f8;padding:8px}</style></head><body>")
                .append("<h1>").append(SvgChart.escape(title)).append("</h1>");
        if (!preface.isEmpty()) html.append("<pre>").append(SvgChart.escape(String.join("\n", preface))).append("</pre>");
        for (Section s : sections) {
            html.append("<h2>").append(SvgChart.escape(s.title())).append("</h2>");
            html.append(table(s.runs()));
            List<SvgChart.Series> throughput = new ArrayList<>(), latency = new ArrayList<>(), curve = new ArrayList<>();
            int[] index = {0};
            s.runs().forEach((name, r) -> {
                int color = index[0]++;
                List<SvgChart.Point> t = new ArrayList<>(), mean = new ArrayList<>(), p99 = new ArrayList<>(), c = new ArrayList<>();
                for (LoadResult.Interval i : r.timeline()) {
                    t.add(new SvgChart.Point(i.at(), i.throughput()));
                    mean.add(new SvgChart.Point(i.at(), i.meanMs()));
                    p99.add(new SvgChart.Point(i.at(), i.p99Ms()));
                }
                for (LoadResult.Percentile p : r.percentiles()) c.add(new SvgChart.Point(p.percentile(), p.ms()));
                throughput.add(new SvgChart.Series(name, t, color, false));
                latency.add(new SvgChart.Series(name + " mean", mean, color, false));
                latency.add(new SvgChart.Series(name + " p99", p99, color, true));
                curve.add(new SvgChart.Series(name, c, color, false));
            });
            html.append("<div class='charts'>")
                    .append(SvgChart.draw("Throughput over time", "seconds", "ok/s", throughput, false))
                    .append(SvgChart.draw("Latency over time", "seconds", "ms", latency, false))
                    .append(SvgChart.draw("Latency by percentile", "percentile", "ms", curve, true))
                    .append("</div>");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, html.append("</body></html>\n").toString());
    }

    /** The report of a single run. */
    public static void write(LoadResult r, Path file) throws IOException {
        Map<String, LoadResult> one = new LinkedHashMap<>();
        one.put(r.target(), r);
        write("sb load " + r.scenario(), List.of(r.operation() + " against " + r.target()), List.of(new Section(r.scenario(), one)), file);
    }

    private static String table(Map<String, LoadResult> runs) {
        StringBuilder t = new StringBuilder("<table><tr><th>run</th><th>ok</th><th>errors</th><th>seconds</th><th>ok/s</th>"
                + "<th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>other</th></tr>");
        runs.forEach((name, r) -> {
            LoadResult.Latency l = r.latency();
            StringBuilder other = new StringBuilder();
            r.extra().forEach((k, v) -> other.append(k).append('=').append(TextReport.format(v)).append(' '));
            t.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%.2f</td><td>%.0f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td style='text-align:left'>%s</td></tr>",
                    SvgChart.escape(name), r.ok(), SvgChart.escape(r.errors().isEmpty() ? "0" : r.errors().toString()), r.seconds(), r.throughput(),
                    l.p50(), l.p90(), l.p99(), l.p999(), l.max(), SvgChart.escape(other.toString().trim())));
        });
        return t.append("</table>").toString();
    }
}
