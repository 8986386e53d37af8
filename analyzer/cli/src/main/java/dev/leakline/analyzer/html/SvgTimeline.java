package dev.leakline.analyzer.html;

import dev.leakline.engine.timeline.GroupSeries;
import dev.leakline.engine.timeline.Series;
import dev.leakline.engine.timeline.Timeline;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Timeline charts as inline SVG. Each bucket has a transparent column carrying a {@code <title>} with that bucket's
 * time and values: the browser shows it on hover as a native tooltip, so the charts need no script. Step lines,
 * because the counts change in whole steps at the instants responses open and finish.
 */
final class SvgTimeline {

    static final int WIDTH = 960;
    static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 30;
    private static final int X_TICKS = 6;
    /** Thread series beyond this many are left out of the chart (they stay in the thread findings). */
    static final int MAX_THREAD_LINES = 8;

    private static final DateTimeFormatter HMS =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Markup m;
    private final Timeline t;
    private final int scale;

    private SvgTimeline(Markup m, Timeline t, int scale) {
        this.m = m;
        this.t = t;
        this.scale = Math.max(1, scale);
    }

    /** One chart for a group's outstanding, held and leaked series, on the scale shared by all groups. */
    static void group(Markup m, Timeline t, GroupSeries g) {
        SvgTimeline chart = new SvgTimeline(m, t, t.peakOutstanding());
        chart.begin("Outstanding responses, connections held and leaked responses over time for " + g.group());
        chart.area(g.outstanding(), "out");
        chart.line(g.connectionsHeld(), "held");
        chart.line(g.leakedAccumulated(), "leak");
        for (int i = 0; i < t.buckets(); i++) {
            chart.hover(i, "outstanding " + g.outstanding().at(i) + "\nconnections held " + g.connectionsHeld().at(i)
                    + "\nleaked so far " + g.leakedAccumulated().at(i));
        }
        m.close("svg").newline();
    }

    /** One chart with a line per thread name (the first {@value #MAX_THREAD_LINES}). */
    static void threads(Markup m, Timeline t) {
        List<Series> shown = t.threadsAlive().subList(0, Math.min(MAX_THREAD_LINES, t.threadsAlive().size()));
        int scale = 1;
        for (Series s : shown) {
            scale = Math.max(scale, s.peak());
        }
        SvgTimeline chart = new SvgTimeline(m, t, scale);
        chart.begin("Threads alive over time, by thread name");
        for (int k = 0; k < shown.size(); k++) {
            chart.line(shown.get(k), "t" + k);
        }
        for (int i = 0; i < t.buckets(); i++) {
            StringBuilder values = new StringBuilder();
            for (Series s : shown) {
                values.append('\n').append(s.name()).append(": ").append(s.at(i));
            }
            chart.hover(i, "threads alive" + values);
        }
        m.close("svg").newline();
    }

    private void begin(String label) {
        m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 " + WIDTH + " " + HEIGHT,
                "role", "img", "aria-label", label, "class", "chart");
        m.element("title", label);
        int plotBottom = HEIGHT - BOTTOM;
        for (int v : yTicks()) {
            double y = y(v);
            m.empty("line", "class", v == 0 ? "axis" : "grid", "x1", num(LEFT), "x2", num(WIDTH - RIGHT),
                    "y1", num(y), "y2", num(y));
            m.element("text", Integer.toString(v), "class", "ylabel", "x", num(LEFT - 6), "y", num(y + 4));
        }
        int previous = -1;
        for (int k = 0; k < X_TICKS; k++) {
            int bucket = (int) ((long) k * t.buckets() / (X_TICKS - 1));
            if (bucket == previous) {
                continue; // fewer buckets than ticks: label each boundary once
            }
            previous = bucket;
            double x = x(bucket);
            m.empty("line", "class", "axis", "x1", num(x), "x2", num(x), "y1", num(plotBottom), "y2", num(plotBottom + 4));
            String anchor = k == 0 ? "start" : k == X_TICKS - 1 ? "end" : "middle";
            m.element("text", HMS.format(t.bucketStart(bucket)), "class", "xlabel", "x", num(x),
                    "y", num(plotBottom + 18), "text-anchor", anchor);
        }
    }

    private int[] yTicks() {
        int half = scale / 2;
        return half > 0 && half < scale ? new int[] {0, half, scale} : new int[] {0, scale};
    }

    private void area(Series s, String cls) {
        StringBuilder d = new StringBuilder("M").append(num(x(0))).append(' ').append(num(y(0)));
        steps(s, d);
        d.append(" L").append(num(x(t.buckets()))).append(' ').append(num(y(0))).append(" Z");
        m.empty("path", "class", cls, "d", d.toString());
    }

    private void line(Series s, String cls) {
        StringBuilder d = new StringBuilder("M").append(num(x(0))).append(' ').append(num(y(s.at(0))));
        steps(s, d);
        m.empty("path", "class", cls, "d", d.toString());
    }

    private void steps(Series s, StringBuilder d) {
        for (int i = 0; i < t.buckets(); i++) {
            d.append(" L").append(num(x(i))).append(' ').append(num(y(s.at(i))));
            d.append(" L").append(num(x(i + 1))).append(' ').append(num(y(s.at(i))));
        }
    }

    private void hover(int bucket, String values) {
        m.open("rect", "class", "hit", "x", num(x(bucket)), "y", num(TOP), "width", num(x(bucket + 1) - x(bucket)),
                "height", num(HEIGHT - BOTTOM - TOP));
        m.element("title", HMS.format(t.bucketStart(bucket)) + " to " + HMS.format(t.bucketStart(bucket + 1))
                + " UTC (maximum in this interval)\n" + values);
        m.close("rect");
    }

    private double x(int bucket) {
        return LEFT + (double) bucket * (WIDTH - LEFT - RIGHT) / t.buckets();
    }

    private double y(int value) {
        double plot = HEIGHT - BOTTOM - TOP;
        return TOP + plot - value * plot / scale;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
