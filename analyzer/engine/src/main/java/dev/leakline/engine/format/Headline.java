package dev.leakline.engine.format;

/**
 * The first line of every report: how many responses leaked at how many sites. One wording for the text report,
 * the HTML report and the JUnit failure, so that a user meets the same sentence wherever a leak is reported.
 */
public final class Headline {
    private Headline() {
    }

    /** {@code no leaked responses}, {@code 1 leaked response at 1 site}, {@code 5 leaked responses at 2 sites}. */
    public static String leaks(long leaked, long sites) {
        if (leaked == 0) {
            return "no leaked responses";
        }
        return Formats.counted(leaked, "leaked response") + " at " + Formats.counted(sites, "site");
    }

    /** The same, starting with a capital letter, for a line of its own. */
    public static String leaksSentence(long leaked, long sites) {
        String text = leaks(leaked, sites);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
