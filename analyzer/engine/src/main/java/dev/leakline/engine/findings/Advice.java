package dev.leakline.engine.findings;

import dev.leakline.engine.pairing.Verdict;

/** The one-line explanation and fix for each verdict, shared by the findings and the reports. */
public final class Advice {
    private Advice() {
    }

    /** What the verdict means, one sentence fragment. */
    public static String explanation(Verdict verdict) {
        return switch (verdict) {
            case LEAKED -> "opened, then neither read to the end nor closed";
            case UNCERTAIN -> "neither read to the end nor closed as far as the recording tells, but events were lost"
                    + " after it was opened, so its close may be among them";
            case IN_FLIGHT -> "still open at the end of the recording, but younger than the minimum age";
            case CLOSED_UNREAD -> "closed before the body was read to the end";
            case DRAINED_NOT_CLOSED -> "read to the end but never closed";
            case CLEAN -> "read to the end and closed";
            case RECOVERED -> "left open longer than the minimum age, then finished";
        };
    }

    /** What to do about it, one sentence. */
    public static String fix(Verdict verdict) {
        return switch (verdict) {
            case LEAKED -> "Read the body to the end or close it on every path (try-with-resources).";
            case UNCERTAIN -> "Record again without data loss (larger buffers, fewer events) to judge it.";
            case IN_FLIGHT -> "Nothing yet; record longer or lower --min-age to judge it.";
            case CLOSED_UNREAD -> "Fine if intended; read to the end first if you want the connection reused.";
            case DRAINED_NOT_CLOSED -> "Close the response too; some clients hold the connection until close.";
            case CLEAN -> "Nothing.";
            case RECOVERED -> "Close it sooner (finally / try-with-resources): it held its connection meanwhile.";
        };
    }
}
