package dev.cryptotracker.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's figures as an SVG image, written by hand (it is a few rectangles, lines and labels): on the
 * left, the reset methods at the largest schema side by side for each number of dirty tables; on the right, how
 * each method's cost grows with the number of tables. Both on a logarithmic scale of milliseconds, since the
 * methods lie three or four orders of magnitude apart.
 */
final class Chart {

    private static final String[] COLOURS = {"#1b7837", "#5aae61", "#c2a5cf", "#762a83", "#e08214"};
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 430;
    private static final int TOP = 60;
    private static final int BOTTOM = 360;

    private final String title;
    private final StringBuilder svg = new StringBuilder();
    private double minimum = Double.MAX_VALUE;
    private double maximum = Double.MIN_VALUE;

    /** One bar group per label, one bar per series; values in ms. */
    private final Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
    private String barsTitle = "";
    /** One line per series over the x labels; values in ms. */
    private final Map<String, Map<String, Double>> lines = new LinkedHashMap<>();
    private String linesTitle = "";

    Chart(String title) {
        this.title = title;
    }

    Chart bars(String panelTitle, Map<String, Map<String, Double>> seriesByGroup) {
        barsTitle = panelTitle;
        bars.putAll(seriesByGroup);
        seriesByGroup.values().forEach(series -> series.values().forEach(this::range));
        return this;
    }

    Chart lines(String panelTitle, Map<String, Map<String, Double>> valuesBySeries) {
        linesTitle = panelTitle;
        lines.putAll(valuesBySeries);
        valuesBySeries.values().forEach(series -> series.values().forEach(this::range));
        return this;
    }

    private void range(double value) {
        if (value > 0) {
            minimum = Math.min(minimum, value);
            maximum = Math.max(maximum, value);
        }
    }

    String render() {
        double low = Math.pow(10, Math.floor(Math.log10(minimum)));
        double high = Math.pow(10, Math.ceil(Math.log10(maximum)));
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(WIDTH / 2.0, 22, title, "middle", 15, "bold");
        panelBars(70, 470, low, high);
        panelLines(580, 960, low, high);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void panelBars(double left, double right, double low, double high) {
        axis(left, right, low, high, barsTitle);
        List<String> series = new ArrayList<>();
        bars.values().forEach(values -> values.keySet().stream().filter(name -> !series.contains(name))
                .forEach(series::add));
        double groupWidth = (right - left) / bars.size();
        double barWidth = groupWidth * 0.8 / series.size();
        int group = 0;
        for (Map.Entry<String, Map<String, Double>> entry : bars.entrySet()) {
            double groupLeft = left + group * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < series.size(); s++) {
                Double value = entry.getValue().get(series.get(s));
                if (value == null || value <= 0) {
                    continue;
                }
                double x = groupLeft + s * barWidth;
                double y = y(value, low, high);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s, %s: %s ms</title></rect>%n", x, y, barWidth - 2, BOTTOM - y,
                        COLOURS[s % COLOURS.length], escape(series.get(s)), escape(entry.getKey()), format(value)));
                text(x + (barWidth - 2) / 2, y - 4, format(value), "middle", 9, "normal");
            }
            text(left + group * groupWidth + groupWidth / 2, BOTTOM + 18, entry.getKey(), "middle", 12, "normal");
            group++;
        }
        legend(series, left, BOTTOM + 38);
    }

    private void panelLines(double left, double right, double low, double high) {
        axis(left, right, low, high, linesTitle);
        List<String> xs = new ArrayList<>();
        lines.values().forEach(values -> values.keySet().stream().filter(x -> !xs.contains(x)).forEach(xs::add));
        double step = (right - left) / Math.max(1, xs.size() - 1) * 0.9;
        double start = left + (right - left) * 0.05;
        for (int i = 0; i < xs.size(); i++) {
            text(start + i * step, BOTTOM + 18, xs.get(i), "middle", 12, "normal");
        }
        int s = 0;
        List<String> names = new ArrayList<>(lines.keySet());
        for (Map.Entry<String, Map<String, Double>> entry : lines.entrySet()) {
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.size(); i++) {
                Double value = entry.getValue().get(xs.get(i));
                if (value == null || value <= 0) {
                    continue;
                }
                double x = start + i * step;
                double y = y(value, low, high);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                        + "<title>%s, %s: %s ms</title></circle>%n", x, y, colour, escape(entry.getKey()),
                        escape(xs.get(i)), format(value)));
                // Labels of alternate series above and below their points, so that close values stay legible.
                text(x + 6, s % 2 == 0 ? y - 5 : y + 12, format(value), "start", 9, "normal");
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", points.toString().trim(), colour));
            s++;
        }
        legend(names, left, BOTTOM + 38);
    }

    private void axis(double left, double right, double low, double high, String panelTitle) {
        text((left + right) / 2, TOP - 16, panelTitle, "middle", 13, "bold");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                left, BOTTOM, right, BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                left, TOP, left, BOTTOM));
        for (double tick = low; tick <= high * 1.0001; tick *= 10) {
            double y = y(tick, low, high);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#dddddd\"/>%n", left, y, right, y));
            text(left - 6, y + 4, format(tick), "end", 10, "normal");
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" transform=\"rotate(-90 %.1f %.1f)\" "
                + "text-anchor=\"middle\" font-size=\"11\">ms (log scale)</text>%n", left - 48, (TOP + BOTTOM) / 2.0,
                left - 48, (TOP + BOTTOM) / 2.0));
    }

    private void legend(List<String> names, double left, double top) {
        double x = left;
        double y = top;
        for (int i = 0; i < names.size(); i++) {
            if (x > left + 300) {
                x = left;
                y += 16;
            }
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
                    x, y - 9, COLOURS[i % COLOURS.length]));
            text(x + 14, y, names.get(i), "start", 11, "normal");
            x += 14 + names.get(i).length() * 6.2 + 14;
        }
    }

    private static double y(double value, double low, double high) {
        double fraction = (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
        return BOTTOM - fraction * (BOTTOM - TOP);
    }

    private void text(double x, double y, String text, String anchor, int size, String weight) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" "
                + "font-weight=\"%s\">%s</text>%n", x, y, anchor, size, weight, escape(text)));
    }

    static String format(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms)
                : ms >= 1 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
