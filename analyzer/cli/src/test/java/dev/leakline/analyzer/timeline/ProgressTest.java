package dev.leakline.analyzer.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void withoutATerminalNothingIsPrinted() {
        // Surefire runs tests with no console attached: exactly the piped/CI case.
        assertThat(Terminal.isInteractive()).isFalse();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Progress progress = Progress.onStderr("app.jfr", 10 * MIB)) {
            assertThat(progress.isVisible()).isFalse();
            progress.advanceTo(5 * MIB);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.size()).isZero();
    }

    @Test
    void showsBytesTotalPercentAndRate() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress progress = Progress.to(err, "app.jfr", 4 * MIB, clock::get)) {
            progress.advanceTo(MIB);
            clock.set(1_000_000_000L);
            progress.advanceTo(2 * MIB);
            String out = bytes.toString(StandardCharsets.UTF_8);
            String last = out.substring(out.lastIndexOf('\r') + 1);
            assertThat(last).startsWith("app.jfr [############............]  50% 2.0 MiB / 4.0 MiB  2.0 MiB/s");
        }
    }

    /** When reading ends the bar is blanked out and the cursor is back at the line's start: nothing is left. */
    @Test
    void closingErasesTheBar() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), "f", -1, clock::get);
        clock.set(2_000_000_000L);
        progress.advanceTo(3 * 1024);
        progress.close();
        // "f 3.0 KiB  1.5 KiB/s" is 20 characters: 20 blanks cover it.
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rf 3.0 KiB  1.5 KiB/s" + "\r" + " ".repeat(20) + "\r");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\n");
    }

    @Test
    void redrawsAtMostEveryHundredMilliseconds() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), "f", 100, clock::get);
        progress.advanceTo(1);
        clock.set(50_000_000L);
        progress.advanceTo(2);
        clock.set(100_000_000L);
        progress.advanceTo(3);
        assertThat(bytes.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\r').count()).isEqualTo(2);
    }

    @Test
    void unknownTotalShowsBytesAndRateOnly() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), "f", -1, clock::get);
        clock.set(2_000_000_000L);
        progress.advanceTo(3 * 1024);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\rf 3.0 KiB  1.5 KiB/s");
    }
}
