package dev.switchboard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/*
 * The soak's picture, as a small self-contained SVG a README can show: heap after GC (MiB) and the
 * p99 latency (ms) per interval over the run's minutes, one panel each, the axes labelled with
 * their ranges. Hand-written because it is two polylines; a charting library would outweigh it.
 */
final class SoakPlot {
    private static final int W = 720, PANEL = 200, PAD = 50;

    private SoakPlot() {}

    static void write(List<SoakSample> samples, String title, Path file) throws IOException {
        StringBuilder svg = new StringBuilder();
        int height = 2 * PANEL + 3 * PAD;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", PAD, escape(title)));
        panel(svg, samples, s -> s.heapAfterGcBytes() / 1048576.0, "heap after GC (MiB)", "#5e81ac", PAD);
        panel(svg, samples, SoakSample::p99Millis, "p99 latency (ms)", "#bf616a", 2 * PAD + PANEL);
        svg.append("</svg>\n");
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, svg.toString());
    }

    private static void panel(StringBuilder svg, List<SoakSample> samples, ToDoubleFunction<SoakSample> value, String label, String color, int top) {
        double maxT = samples.isEmpty() ? 1 : Math.max(1e-9, samples.getLast().atSeconds() / 60);
        double maxV = samples.stream().mapToDouble(value).max().orElse(1) * 1.15;
        if (maxV <= 0) maxV = 1;
        int left = PAD + 10, width = W - left - PAD;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", left, top, width, PANEL));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + 5, top + 15, label));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1f</text>%n", left - 4, top + 10, maxV));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", left - 4, top + PANEL));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1f min</text>%n", left + width, top + PANEL + 15, maxT));
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", color));
        for (SoakSample s : samples) {
            double x = left + width * (s.atSeconds() / 60) / maxT;
            double y = top + PANEL - PANEL * value.applyAsDouble(s) / maxV;
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("\"/>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
