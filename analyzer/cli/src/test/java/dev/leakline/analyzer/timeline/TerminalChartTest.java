package dev.leakline.analyzer.timeline;

import dev.leakline.engine.timeline.ResponseSpan;
import dev.leakline.engine.timeline.ThreadSpan;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineInput;
import dev.leakline.engine.timeline.TimelineSeries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalChartTest {

    private static final ChartOptions ASCII = new ChartOptions(80, true, false, ZoneOffset.UTC);

    private static Timeline service(int buckets) {
        return TimelineSeries.compute(SyntheticService.input(), buckets);
    }

    private static List<String> lines(String text) {
        assertThat(text).endsWith("\n");
        return Arrays.asList(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
    }

    @Test
    void asciiOutputIsPlainAsciiWithinEightyColumnsAndHasNoEscapeCodes() {
        String out = TerminalChart.render(service(TerminalChart.DEFAULT_BUCKETS), ASCII);
        assertThat(out).doesNotContain("\u001b");
        assertThat(out.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f));
        assertThat(lines(out)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(lines(out)).anySatisfy(line -> assertThat(line).hasSize(80));
    }

    @Test
    void eachGroupHasAFiveRowChartTwoStripsAndAWallClockAxis() {
        List<String> lines = lines(TerminalChart.render(service(72), ASCII));
        int header = lines.indexOf(SyntheticService.LEAKY);
        assertThat(header).as("leaking group drawn, by name").isPositive();
        assertThat(lines.get(header + 1)).isEqualTo("outstanding peak 11, connections held peak 11, leaked 10");
        assertThat(lines.subList(header + 2, header + 2 + TerminalChart.CHART_ROWS))
                .allSatisfy(row -> assertThat(row).startsWith(row.substring(0, 6) + " |"));
        assertThat(lines.get(header + 2)).startsWith("    11 |");
        assertThat(lines.get(header + 7)).isEqualTo("     0 +" + "-".repeat(72));
        assertThat(lines.get(header + 8)).startsWith("  held |");
        assertThat(lines.get(header + 9)).startsWith("leaked |");
        assertThat(lines.get(header + 10)).startsWith("       ++---------------+---");
        // Labels sit under the ticks: 10:00:00 at the first column, then one every 16 columns of 100/72 s.
        assertThat(lines.get(header + 11)).isEqualTo("        10:00:00        10:00:22        10:00:44"
                + "        10:01:06        10:01:28");
        assertThat(lines).contains(SyntheticService.STEADY, SyntheticService.NO_POOL, "threads alive");
        assertThat(lines.get(0)).isEqualTo("leakline timeline  2026-11-23 10:00:00 to 2026-11-23 10:01:40 UTC (1m 40s)");
    }

    @Test
    void leakingPoolClimbsWhileFlatPoolsStayLevel() {
        List<String> lines = lines(TerminalChart.render(service(72), ASCII));
        int[] leaky = columnHeights(lines, lines.indexOf(SyntheticService.LEAKY));
        int[] steady = columnHeights(lines, lines.indexOf(SyntheticService.STEADY));
        for (int c = 1; c < leaky.length; c++) {
            assertThat(leaky[c]).as("column %d", c).isGreaterThanOrEqualTo(leaky[c - 1]);
        }
        assertThat(leaky[leaky.length - 1]).isGreaterThan(leaky[0] + 2);
        assertThat(Arrays.stream(steady).distinct().toArray()).containsExactly(steady[0]);
    }

    /** Per column, the number of non-blank cells in the group's five chart rows. */
    private static int[] columnHeights(List<String> lines, int header) {
        assertThat(header).isPositive();
        int[] heights = new int[72];
        for (int row = 0; row < TerminalChart.CHART_ROWS; row++) {
            String cells = lines.get(header + 2 + row).substring(8);
            assertThat(cells).as("rows end at their last drawn cell").doesNotEndWith(" ");
            for (int c = 0; c < cells.length(); c++) {
                heights[c] += cells.charAt(c) == ' ' ? 0 : 1;
            }
        }
        return heights;
    }

    @Test
    void unicodeWithColourStaysWithinTheWidthOnceEscapesAreRemoved() {
        String out = TerminalChart.render(service(72), new ChartOptions(80, false, true, ZoneOffset.UTC));
        assertThat(out).contains("\u001b[33m").contains("█").contains("└");
        assertThat(lines(out.replaceAll("\u001b\\[[0-9;]*m", "")))
                .allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(80));
    }

    @Test
    void moreBucketsThanColumnsAreFoldedByMaximumIntoTheWidth() {
        String out = TerminalChart.render(service(1000), new ChartOptions(60, true, false, ZoneOffset.UTC));
        List<String> lines = lines(out);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
        int header = lines.indexOf(SyntheticService.LEAKY);
        // The top row reaches full height only where the peak (11) is, i.e. in the last columns.
        assertThat(lines.get(header + 2)).endsWith("#");
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertThat(ChartOptions.detect(80, false, true, Map.of()).color()).isTrue();
        assertThat(ChartOptions.detect(80, false, false, Map.of()).color()).isFalse();
        assertThat(ChartOptions.detect(80, false, true, Map.of("NO_COLOR", "1")).color()).isFalse();
        assertThat(ChartOptions.detect(80, false, true, Map.of("NO_COLOR", "")).color()).isFalse();
        assertThat(ChartOptions.detect(80, false, true, Map.of("TERM", "dumb")).color()).isFalse();
        String out = TerminalChart.render(service(72),
                ChartOptions.detect(80, false, true, Map.of("NO_COLOR", "1")));
        assertThat(out).doesNotContain("\u001b").contains("█");
    }

    @Test
    void controlCharactersInNamesNeverReachTheTerminal() {
        Instant t0 = SyntheticService.START;
        List<ResponseSpan> spans = new ArrayList<>();
        spans.add(new ResponseSpan(t0.plusSeconds(1), null, "pool \u001b]0;owned\u0007\u001b[2J evil", true, 0));
        Timeline t = TimelineSeries.compute(new TimelineInput(t0, t0.plusSeconds(10), spans,
                List.of(new ThreadSpan(null, null, "thread\rwith\u009bcsi\u202eevil"))), 10);
        String out = TerminalChart.render(t, ChartOptions.defaults());
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r")
                .doesNotContain("\u009b").doesNotContain("\u202e")
                // The text report's escapes, so both commands show a name the same way.
                .contains("pool \\e]0;owned\\u0007\\e[2J evil").contains("thread\\rwith\\u009bcsi\\u202eevil");
    }

    @Test
    void anEmptyRecordingSaysSo() {
        Timeline t = TimelineSeries.compute(new TimelineInput(SyntheticService.START, SyntheticService.END,
                List.of(), List.of()), 10);
        assertThat(TerminalChart.render(t, ASCII)).contains("no responses or threads in the recording");
    }

    @Test
    void rejectsAWidthTooNarrowForTheChartNamingTheOption() {
        assertThatThrownBy(() -> new ChartOptions(30, true, false, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--width must be at least 40 columns, was 30");
    }
}
