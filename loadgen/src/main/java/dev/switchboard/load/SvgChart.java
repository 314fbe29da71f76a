package dev.switchboard.load;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: a few named series over shared axes, ticks at round numbers, a
 * legend. The x axis can be the percentile scale (log of 1/(1-p)), on which the tail spreads out
 * the way HdrHistogram plots show it.
 */
final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int W = 640, H = 300, LEFT = 60, RIGHT = 150, TOP = 20, BOTTOM = 40;

    record Point(double x, double y) {}

    /** A named line; {@code color} indexes the palette, so related series can share one; {@code dashed} tells them apart. */
    record Series(String name, List<Point> points, int color, boolean dashed) {}

    private SvgChart() {}

    static String draw(String title, String xLabel, String yLabel, List<Series> series, boolean percentileX) {
        double maxX = 0, maxY = 0;
        for (Series s : series) for (Point p : s.points()) {
            maxX = Math.max(maxX, x(p.x(), percentileX));
            maxY = Math.max(maxY, p.y());
        }
        if (maxX <= 0) maxX = 1;
        maxY = niceCeiling(maxY <= 0 ? 1 : maxY * 1.05);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>", W, H));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='14' font-size='13' font-weight='bold'>%s</text>", LEFT, escape(title)));
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#999'/>", LEFT, TOP, plotW, plotH));
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#eee'/><text x='%d' y='%.1f' text-anchor='end'>%s</text>",
                    LEFT, LEFT + plotW, y, y, LEFT - 4, y + 4, num(v)));
        }
        if (percentileX) {
            String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
            double[] at = {0, 90, 99, 99.9, 99.99, 99.999};
            for (int i = 0; i < at.length; i++) {
                double px = x(at[i], true);
                if (px > maxX * 1.0001) break;
                double sx = LEFT + plotW * px / maxX;
                svg.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#eee'/><text x='%.1f' y='%d' text-anchor='middle'>%s</text>",
                        sx, sx, TOP, TOP + plotH, sx, TOP + plotH + 14, labels[i]));
            }
        } else {
            for (int i = 0; i <= 4; i++) {
                double v = maxX * i / 4;
                svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>%s</text>", LEFT + plotW * i / 4.0, TOP + plotH + 14, num(v)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>%s</text>", LEFT + plotW / 2, H - 6, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text transform='translate(12,%d) rotate(-90)' text-anchor='middle'>%s</text>", TOP + plotH / 2, escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[s.color() % COLORS.length];
            StringBuilder path = new StringBuilder();
            for (Point p : s.points()) {
                double sx = LEFT + plotW * x(p.x(), percentileX) / maxX;
                double sy = TOP + plotH - plotH * Math.min(p.y(), maxY) / maxY;
                path.append(path.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f ", sx, sy));
            }
            if (!path.isEmpty())
                svg.append("<path d='").append(path).append("' fill='none' stroke='").append(color).append(s.dashed() ? "' stroke-dasharray='5,3" : "").append("' stroke-width='1.8'/>");
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/><text x='%d' y='%d'>%s</text>",
                    W - RIGHT + 10, TOP + 4 + i * 16, color, W - RIGHT + 24, TOP + 13 + i * 16, escape(s.name())));
        }
        return svg.append("</svg>").toString();
    }

    private static double x(double value, boolean percentileX) {
        if (!percentileX) return value;
        double p = Math.min(value, 99.999);
        return Math.log10(1 / (1 - p / 100));
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) if (step * magnitude >= v) return step * magnitude;
        return 10 * magnitude;
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.3g", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
