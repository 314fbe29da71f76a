package dev.switchboard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame graph of a JFR recording's CPU samples ({@code jdk.ExecutionSample}), read with the
 * JDK's own {@code jdk.jfr.consumer} and drawn as SVG here. async-profiler's converter
 * ({@code tools.profiler:jfr-converter}) draws HTML, not SVG, and is a dependency for 150 lines.
 * Frames merge by method; the root's children are the threads' bottom frames; each box's width is
 * its share of samples, with the count and share in its tooltip.
 */
public final class FlameGraph {
    private static final int WIDTH = 1200, ROW = 16;

    private final Node root = new Node("all");
    private long samples;
    private String event = "jdk.ExecutionSample";

    private static final class Node {
        final String name;
        final Map<String, Node> children = new LinkedHashMap<>();
        long total;
        long self;

        Node(String name) {
            this.name = name;
        }
    }

    /**
     * Reads the CPU samples of {@code jfr}: {@code jdk.CPUTimeSample} (JDK 25's CPU-time sampler,
     * which sees a loaded machine fairly) when the recording has them, else {@code jdk.ExecutionSample}.
     */
    public static FlameGraph of(Path jfr) throws IOException {
        String event = has(jfr, "jdk.CPUTimeSample") ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
        FlameGraph g = new FlameGraph();
        g.event = event;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (!type.equals(event)) continue;
                RecordedStackTrace stack = e.getStackTrace();
                if (stack != null) g.add(stack.getFrames());
            }
        }
        return g;
    }

    private static boolean has(Path jfr, String eventName) throws IOException {
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) if (file.readEvent().getEventType().getName().equals(eventName)) return true;
        }
        return false;
    }

    /** Which JFR event the samples came from. */
    public String event() {
        return event;
    }

    private void add(List<RecordedFrame> frames) {
        samples++;
        Node node = root;
        node.total++;
        for (int i = frames.size() - 1; i >= 0; i--) { // JFR lists the top frame first
            RecordedFrame f = frames.get(i);
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            node = node.children.computeIfAbsent(name, Node::new);
            node.total++;
        }
        node.self++;
    }

    public long samples() {
        return samples;
    }

    /** The methods with the most samples on top of the stack, most first. */
    public List<Map.Entry<String, Long>> hottest(int n) {
        Map<String, Long> self = new HashMap<>();
        collect(root, self);
        return self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).toList();
    }

    private static void collect(Node node, Map<String, Long> self) {
        if (node.self > 0) self.merge(node.name, node.self, Long::sum);
        node.children.values().forEach(c -> collect(c, self));
    }

    public void writeSvg(String title, Path file) throws IOException {
        int depth = depth(root);
        int height = (depth + 1) * ROW + 40;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='monospace' font-size='11'>"
                        + "<rect width='100%%' height='100%%' fill='#fff'/><text x='10' y='16' font-family='sans-serif' font-size='14'>%s (%d %s samples)</text>",
                WIDTH, height, SvgChart.escape(title), samples, event));
        draw(svg, root, 0, WIDTH, height - ROW - 4, 0);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, svg.append("</svg>\n").toString());
    }

    private static int depth(Node node) {
        int d = 0;
        for (Node c : node.children.values()) d = Math.max(d, depth(c));
        return d + 1;
    }

    /** Classic flame: the root at the bottom, callees above their callers. */
    private void draw(StringBuilder svg, Node node, double x, double width, int y, int level) {
        if (width < 0.5) return;
        String color = color(node.name);
        double share = samples == 0 ? 0 : 100.0 * node.total / samples;
        svg.append(String.format(Locale.ROOT, "<g><title>%s (%d samples, %.2f%%)</title><rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s' stroke='#fff' stroke-width='0.5'/>",
                SvgChart.escape(node.name), node.total, share, x, y, width, ROW - 1, color));
        int chars = (int) (width / 7);
        if (chars >= 3) {
            String shortName = shortName(node.name);
            String label = shortName.length() <= chars ? shortName : shortName.substring(0, Math.max(1, chars - 2)) + "..";
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d'>%s</text>", x + 3, y + ROW - 4, SvgChart.escape(label)));
        }
        svg.append("</g>");
        double cx = x;
        List<Node> children = new ArrayList<>(node.children.values());
        children.sort(Comparator.comparing(n -> n.name));
        for (Node c : children) {
            double w = width * c.total / node.total;
            draw(svg, c, cx, w, y - ROW, level + 1);
            cx += w;
        }
    }

    /** {@code a.b.Class.method} as {@code Class.method}: the box's label (the tooltip keeps the full name). */
    private static String shortName(String name) {
        int method = name.lastIndexOf('.');
        int type = method <= 0 ? -1 : name.lastIndexOf('.', method - 1);
        return type < 0 ? name : name.substring(type + 1);
    }

    private static String color(String name) {
        int h = name.hashCode();
        boolean ours = name.startsWith("dev.switchboard.");
        boolean jdk = name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.");
        int r = ours ? 80 + (h & 63) : jdk ? 200 + (h & 31) : 220 + (h & 31);
        int g = ours ? 160 + ((h >> 6) & 63) : jdk ? 120 + ((h >> 6) & 63) : 80 + ((h >> 6) & 95);
        int b = ours ? 80 : jdk ? 60 : 40;
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", r, g, b);
    }
}
