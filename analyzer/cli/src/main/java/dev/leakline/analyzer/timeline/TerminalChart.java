package dev.leakline.analyzer.timeline;

import dev.leakline.engine.timeline.Buckets;
import dev.leakline.engine.timeline.GroupSeries;
import dev.leakline.engine.timeline.Series;
import dev.leakline.engine.timeline.Timeline;

import dev.leakline.analyzer.report.TerminalLines;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Draws a {@link Timeline} as text for a terminal.
 *
 * <p>Per group: a header with the peaks, a bar chart of outstanding responses ({@value #CHART_ROWS} rows of
 * Unicode eighth blocks, so a rise of one response is visible on a chart of 40) above its zero line, one-row strips
 * for connections held and leaked accumulated, and a wall-clock time axis. Then one strip per thread name. All groups share one
 * vertical scale so that a flat pool looks flat next to a filling one. Each column is one bucket, or the maximum
 * of several when the timeline has more buckets than the chart has columns. No line is longer than the width.
 */
public final class TerminalChart {

    /** The default total width. */
    public static final int DEFAULT_WIDTH = 80;
    /** The narrowest width that still fits the gutter and a time label. */
    public static final int MIN_WIDTH = 40;
    /** Rows of the outstanding-responses chart. */
    public static final int CHART_ROWS = 5;

    private static final int LABEL = 6;
    private static final int GUTTER = LABEL + 2;
    private static final int TICK_SPACING = 16;
    private static final String UNICODE_LEVELS = " ▁▂▃▄▅▆▇█";
    private static final String ASCII_LEVELS = " ..::;;|#";
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String RED = "\u001b[31m";
    private static final String MAGENTA = "\u001b[35m";

    /** The default number of buckets of a timeline drawn here: one per plot column at the default width. */
    public static final int DEFAULT_BUCKETS = DEFAULT_WIDTH - GUTTER;

    private final ChartOptions options;
    private final StringBuilder out = new StringBuilder();

    private TerminalChart(ChartOptions options) {
        this.options = options;
    }

    /** The plot columns at a total width: what the CLI passes as the default bucket count. */
    public static int plotColumns(int width) {
        return width - GUTTER;
    }

    /**
     * Renders the timeline.
     *
     * @param timeline the computed series
     * @param options width, ASCII, colour and zone
     * @return the lines, each ending in {@code \n}
     */
    public static String render(Timeline timeline, ChartOptions options) {
        TerminalChart chart = new TerminalChart(options);
        chart.draw(timeline);
        return chart.out.toString();
    }

    private void draw(Timeline t) {
        int columns = Math.min(t.buckets(), plotColumns(options.width()));
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(options.zone());
        Duration perColumn = t.span().dividedBy(columns);
        header(BOLD, "leakline timeline  " + day.format(t.start()) + " to " + day.format(t.end()) + " "
                + zoneName() + " (" + human(t.span()) + ")");
        line(DIM, "one column = " + human(perColumn) + ", each the maximum within it");
        if (t.groups().isEmpty() && t.threadsAlive().isEmpty()) {
            line("", "no responses or threads in the recording");
            return;
        }
        int scale = Math.max(1, t.peakOutstanding());
        int leakScale = Math.max(1, t.peakLeaked());
        for (GroupSeries g : t.groups()) {
            out.append('\n');
            header(BOLD, g.group());
            line(DIM, "outstanding peak " + g.outstanding().peak() + ", connections held peak "
                    + g.connectionsHeld().peak() + ", leaked " + g.leakedAccumulated().last());
            int[] outstanding = columns(g.outstanding(), columns);
            for (int row = 0; row < CHART_ROWS; row++) {
                String label = row == 0 ? compact(scale) : "";
                plotRow(label, options.ascii() ? '|' : '│', cells(outstanding, scale, row), YELLOW);
            }
            baseline(columns);
            plotRow("held", options.ascii() ? '|' : '│', strip(columns(g.connectionsHeld(), columns), scale), CYAN);
            plotRow("leaked", options.ascii() ? '|' : '│', strip(columns(g.leakedAccumulated(), columns), leakScale), RED);
            timeAxis(t, columns);
        }
        if (!t.threadsAlive().isEmpty()) {
            out.append('\n');
            header(BOLD, "threads alive");
            int threadScale = 1;
            for (Series s : t.threadsAlive()) {
                threadScale = Math.max(threadScale, s.peak());
            }
            for (Series s : t.threadsAlive()) {
                line("", s.name() + "  (peak " + s.peak() + ", at end " + s.last() + ")");
                plotRow(compact(s.peak()), options.ascii() ? '|' : '│', strip(columns(s, columns), threadScale), MAGENTA);
            }
            timeAxis(t, columns);
        }
    }

    /** Folds the series into {@code columns} columns, each the maximum of the buckets it covers. */
    private static int[] columns(Series s, int columns) {
        int buckets = s.values().size();
        int[] out = new int[columns];
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * buckets / columns);
            int to = (int) ((long) (c + 1) * buckets / columns);
            int max = 0;
            for (int b = from; b < Math.max(to, from + 1); b++) {
                max = Math.max(max, s.at(b));
            }
            out[c] = max;
        }
        return out;
    }

    /** Height in eighths of a cell; any non-zero value shows at least one eighth. */
    private static int eighths(int value, int scale, int rows) {
        if (value <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round((double) value * rows * 8 / scale));
    }

    private String cells(int[] values, int scale, int row) {
        String levels = options.ascii() ? ASCII_LEVELS : UNICODE_LEVELS;
        StringBuilder b = new StringBuilder(values.length);
        int floor = (CHART_ROWS - 1 - row) * 8;
        for (int v : values) {
            int fill = Math.max(0, Math.min(8, eighths(v, scale, CHART_ROWS) - floor));
            b.append(levels.charAt(fill));
        }
        return b.toString();
    }

    private String strip(int[] values, int scale) {
        String levels = options.ascii() ? ASCII_LEVELS : UNICODE_LEVELS;
        StringBuilder b = new StringBuilder(values.length);
        for (int v : values) {
            b.append(levels.charAt(Math.min(8, eighths(v, scale, 1))));
        }
        return b.toString();
    }

    private void plotRow(String label, char axis, String cells, String color) {
        out.append(pad(label)).append(' ').append(axis);
        out.append(paint(color, cells.stripTrailing())).append('\n');
    }

    private String zoneName() {
        return options.zone().normalized().equals(ZoneOffset.UTC) ? "UTC" : options.zone().getId();
    }

    private void timeAxis(Timeline t, int columns) {
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(options.zone());
        StringBuilder axis = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        char corner = options.ascii() ? '+' : '└';
        char dash = options.ascii() ? '-' : '─';
        char tick = options.ascii() ? '+' : '┬';
        for (int c = 0; c < columns; c++) {
            axis.append(c % TICK_SPACING == 0 && c + 8 <= columns ? tick : dash);
        }
        for (int c = 0; c + 8 <= columns; c += TICK_SPACING) {
            Instant at = t.start().plusNanos(Buckets.offsetNanos(t.span().toNanos(), c, columns));
            while (labels.length() < c) {
                labels.append(' ');
            }
            labels.append(hms.format(at));
        }
        out.append(pad("")).append(' ').append(paint(DIM, corner + axis.toString())).append('\n');
        out.append(" ".repeat(GUTTER)).append(paint(DIM, labels.toString())).append('\n');
    }

    /** The chart's zero line; it also keeps the one-row strips below from reading as part of the bars. */
    private void baseline(int columns) {
        String line = (options.ascii() ? "+" : "├") + (options.ascii() ? "-" : "─").repeat(columns);
        out.append(pad("0")).append(' ').append(paint(DIM, line)).append('\n');
    }

    private void header(String style, String text) {
        line(style, text);
    }

    private void line(String style, String text) {
        out.append(paint(style, fit(text, options.width()))).append('\n');
    }

    private String paint(String style, String text) {
        if (!options.color() || style.isEmpty() || text.isBlank()) {
            return text;
        }
        return style + text + RESET;
    }

    /** Cuts text to the width so long pool names or URIs never wrap the chart. */
    private String fit(String text, int width) {
        String clean = printable(text);
        if (clean.length() <= width) {
            return clean;
        }
        return clean.substring(0, width - 1) + (options.ascii() ? "~" : "…");
    }

    /**
     * Recording strings can hold control and bidi-override characters; a terminal must never receive them raw. The
     * text report's escaping ({@link TerminalLines#escape}) shows them as {@code \e}, {@code \u202e}, ...; with
     * {@code --ascii} any other non-ASCII character then becomes {@code ?}.
     */
    private String printable(String text) {
        String escaped = TerminalLines.escape(text);
        if (!options.ascii()) {
            return escaped;
        }
        StringBuilder b = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            b.append(c > 0x7e ? '?' : c);
        }
        return b.toString();
    }

    private static String pad(String label) {
        return " ".repeat(Math.max(0, LABEL - label.length())) + label;
    }

    /** Fits a count into the {@value #LABEL}-column gutter. */
    static String compact(int value) {
        if (value < 1_000_000) {
            return Integer.toString(value);
        }
        return String.format(Locale.ROOT, "%.1fM", value / 1_000_000.0);
    }

    /** A short human duration: {@code 850ms}, {@code 4.2s}, {@code 3m 05s}, {@code 2h 01m}. */
    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
