package dev.leakline.analyzer.timeline;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar for long reads: bytes read, total, percent and rate, redrawn in place on standard error at most
 * every {@value #REDRAW_MILLIS} ms, and erased when the read ends. Silent unless a person is watching ({@link Terminal#isInteractive()}), so
 * logs and pipes never get carriage returns. Never throws into the read it reports on.
 *
 * <pre>{@code
 * try (Progress progress = Progress.onStderr("service.jfr", Files.size(file))) {
 *     ... progress.advanceTo(bytesReadSoFar); ...
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    static final long REDRAW_MILLIS = 100;
    private static final int BAR = 24;
    private static final Progress SILENT = new Progress(null, "", 0, () -> 0);

    private final PrintStream err;
    private final String label;
    private final long total;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long done;
    private long lastDrawNanos = Long.MIN_VALUE;
    private int lastLength;

    private Progress(PrintStream err, String label, long total, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.total = Math.max(0, total);
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /**
     * A bar on {@code System.err} when a console is attached, otherwise one that prints nothing.
     *
     * @param label what is being read, typically the file name
     * @param totalBytes the size to read; 0 or less when unknown (then no percentage is shown)
     */
    public static Progress onStderr(String label, long totalBytes) {
        return Terminal.isInteractive() ? new Progress(System.err, label, totalBytes, System::nanoTime) : SILENT;
    }

    /** A bar on the given stream with the given clock, for tests; {@code null} stream means silent. */
    static Progress to(PrintStream err, String label, long totalBytes, LongSupplier nanoClock) {
        return err == null ? SILENT : new Progress(err, label, totalBytes, nanoClock);
    }

    /** Whether this bar prints anything. */
    public boolean isVisible() {
        return err != null;
    }

    /** Reports that {@code bytes} bytes have been read in total so far; redraws when due. */
    public void advanceTo(long bytes) {
        if (err == null) {
            return;
        }
        done = Math.max(done, bytes);
        long now = nanoClock.getAsLong();
        if (lastDrawNanos == Long.MIN_VALUE || now - lastDrawNanos >= REDRAW_MILLIS * 1_000_000) {
            lastDrawNanos = now;
            draw(now);
        }
    }

    /**
     * Erases the bar: once reading ends it has nothing left to say, and a leftover bar would sit between the
     * warnings and the report. Blanks over it and returns to the line's start, so the next line starts clean.
     */
    @Override
    public void close() {
        if (err == null || lastLength == 0) {
            return;
        }
        err.print('\r' + " ".repeat(lastLength) + '\r');
        err.flush();
        lastLength = 0;
    }

    private void draw(long now) {
        StringBuilder b = new StringBuilder();
        b.append(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(BAR, done * BAR / total);
            b.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
            b.append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, done * 100 / total)));
            b.append(bytes(done)).append(" / ").append(bytes(total));
        } else {
            b.append(bytes(done));
        }
        double seconds = (now - startNanos) / 1e9;
        b.append("  ").append(seconds > 0 ? bytes((long) (done / seconds)) + "/s" : "-/s");
        String text = b.toString();
        // Pad over the previous, possibly longer, line instead of using terminal escape sequences.
        err.print('\r' + text + " ".repeat(Math.max(0, lastLength - text.length())));
        err.flush();
        lastLength = text.length();
    }

    /** Binary units, one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
