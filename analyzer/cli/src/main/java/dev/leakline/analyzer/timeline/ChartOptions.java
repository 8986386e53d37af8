package dev.leakline.analyzer.timeline;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link TerminalChart} draws: explicit values, so tests and the CLI decide and the renderer never inspects
 * the environment.
 *
 * @param width total columns per line, at least {@link TerminalChart#MIN_WIDTH}
 * @param ascii plain ASCII instead of Unicode block elements ({@code --ascii})
 * @param color ANSI colour; see {@link #detect} for when the CLI turns it on
 * @param zone the zone the time axis is labelled in; the CLI uses UTC because a recording does not reliably say
 *     which zone its machine was in, and UTC lines up with server logs
 */
public record ChartOptions(int width, boolean ascii, boolean color, ZoneId zone) {

    /** Checks the width. */
    public ChartOptions {
        Objects.requireNonNull(zone, "zone");
        if (width < TerminalChart.MIN_WIDTH) {
            throw new IllegalArgumentException(
                    "--width must be at least " + TerminalChart.MIN_WIDTH + " columns, was " + width);
        }
    }

    /** 80 columns, Unicode, no colour, UTC. */
    public static ChartOptions defaults() {
        return new ChartOptions(TerminalChart.DEFAULT_WIDTH, false, false, ZoneOffset.UTC);
    }

    /**
     * The CLI's choice: colour only when stdout is a terminal, {@code NO_COLOR} is absent (we treat even an empty
     * {@code NO_COLOR} as set, stricter than no-color.org, since the issue says "never with NO_COLOR"), and
     * {@code TERM} is not {@code dumb}.
     *
     * @param width the requested width
     * @param ascii the {@code --ascii} flag
     * @param isTerminal whether standard output is a terminal ({@link Terminal#isInteractive()})
     * @param env the environment ({@code System.getenv()})
     * @return the options, in UTC
     */
    public static ChartOptions detect(int width, boolean ascii, boolean isTerminal, Map<String, String> env) {
        boolean color = isTerminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
        return new ChartOptions(width, ascii, color, ZoneOffset.UTC);
    }
}
