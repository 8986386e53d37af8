package dev.leakline.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The one place numbers, times and counts become words; exact text at every unit boundary. */
class FormatsTest {
    private static final long NOON_NANOS = 1_795_000_000_000_000_000L + 123_456_789L; // 2026-11-18T11:06:40.123456789Z

    @Test
    void durationsChangeUnitAtEachBoundary() {
        assertThat(Formats.duration(0)).isEqualTo("0 ms");
        assertThat(Formats.duration(999)).isEqualTo("999 ms");
        assertThat(Formats.duration(1000)).isEqualTo("1.0 s");
        assertThat(Formats.duration(6_250)).isEqualTo("6.3 s");
        assertThat(Formats.duration(119_999)).isEqualTo("120.0 s");
        assertThat(Formats.duration(120_000)).isEqualTo("2.0 min");
        assertThat(Formats.duration(7_199_999)).isEqualTo("120.0 min");
        assertThat(Formats.duration(7_200_000)).isEqualTo("2.0 h");
        assertThat(Formats.duration(9_000_000)).isEqualTo("2.5 h");
    }

    @Test
    void typedDurationsUseTheLargestWholeUnit() {
        assertThat(Formats.typed(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Formats.typed(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Formats.typed(Duration.ofMinutes(3))).isEqualTo("3m");
        assertThat(Formats.typed(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Formats.typed(Duration.ofSeconds(61))).isEqualTo("61s");
        assertThat(Formats.typed(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Formats.typed(Duration.ofMillis(1))).isEqualTo("1ms");
        assertThat(Formats.typed(Duration.ZERO)).isEqualTo("0ms");
    }

    @Test
    void instantsAsIsoAndTimeOfDay() {
        assertThat(Formats.iso(NOON_NANOS)).isEqualTo("2026-11-18T11:06:40.123456789Z");
        assertThat(Formats.iso(1)).isEqualTo("1970-01-01T00:00:00.000000001Z");
        assertThat(Formats.iso(0)).isNull();
        assertThat(Formats.iso(-5)).isNull();
        assertThat(Formats.iso(Long.MAX_VALUE)).isNull();
        assertThat(Formats.time(NOON_NANOS)).isEqualTo("11:06:40.123Z");
        assertThat(Formats.time(0)).isEqualTo("00:00:00.000Z");
        assertThat(Formats.time(-1)).isEqualTo("?");
        assertThat(Formats.time(Long.MAX_VALUE)).isEqualTo("?");
    }

    @Test
    void countsTakeThePluralExceptForOne() {
        assertThat(Formats.plural(0)).isEqualTo("s");
        assertThat(Formats.plural(1)).isEmpty();
        assertThat(Formats.plural(2)).isEqualTo("s");
        assertThat(Formats.counted(1, "site")).isEqualTo("1 site");
        assertThat(Formats.counted(0, "site")).isEqualTo("0 sites");
        assertThat(Formats.counted(12, "leaked response")).isEqualTo("12 leaked responses");
    }

    @Test
    void theHeadlineCountsLeaksAndSites() {
        assertThat(Headline.leaks(0, 0)).isEqualTo("no leaked responses");
        assertThat(Headline.leaks(1, 1)).isEqualTo("1 leaked response at 1 site");
        assertThat(Headline.leaks(5, 2)).isEqualTo("5 leaked responses at 2 sites");
        assertThat(Headline.leaksSentence(0, 0)).isEqualTo("No leaked responses");
        assertThat(Headline.leaksSentence(3, 1)).isEqualTo("3 leaked responses at 1 site");
    }
}
