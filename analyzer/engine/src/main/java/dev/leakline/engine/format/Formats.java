package dev.leakline.engine.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small formatting helpers shared by the reports. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** An epoch-nanosecond instant as ISO-8601, or null when unknown. */
    public static String iso(long epochNanos) {
        if (epochNanos <= 0 || epochNanos == Long.MAX_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(0, epochNanos).toString();
    }

    /** Time of day (UTC), for the text report. */
    public static String time(long epochNanos) {
        if (epochNanos < 0 || epochNanos == Long.MAX_VALUE) {
            return "?";
        }
        return TIME.format(Instant.ofEpochSecond(0, epochNanos));
    }

    /** A duration in a short human form: 850 ms, 6.2 s, 3.5 min, 2.1 h. */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 7_200_000) {
            return String.format(java.util.Locale.ROOT, "%.1f min", millis / 60_000.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", millis / 3_600_000.0);
    }

    /** The plural ending of a count's noun: {@code ""} for one, {@code "s"} otherwise (zero included). */
    public static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    /** A count with its noun: {@code 1 response}, {@code 0 responses}, {@code 3 responses}. */
    public static String counted(long n, String noun) {
        return n + " " + noun + plural(n);
    }

    /** A {@code java.time.Duration} the way users type it for --min-age: 5s, 500ms, 2m. */
    public static String typed(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
