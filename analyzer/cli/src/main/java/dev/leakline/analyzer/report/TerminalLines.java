package dev.leakline.analyzer.report;

import java.io.PrintWriter;

/**
 * The text report's output: every line passes through {@link #escape(String)}, the one place where values from the
 * recording (URIs, thread names, frames, file names) are made safe for a terminal. An ESC sequence could rewrite the
 * screen, a CR or LF forge a report line, a bidi override reorder what is shown.
 */
public final class TerminalLines {
    private final PrintWriter out;

    TerminalLines(PrintWriter out) {
        this.out = out;
    }

    void println(String line) {
        out.println(escape(line));
    }

    void println() {
        out.println();
    }

    void flush() {
        out.flush();
    }

    /**
     * Replaces control characters (C0, DEL, C1) and bidirectional formatting characters with visible escapes:
     * {@code \n}, {@code \r}, {@code \t}, {@code \e}, else {@code \}{@code uXXXX}. Other text is unchanged.
     */
    public static String escape(String text) {
        if (text == null) {
            return "(unknown)";
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                safe.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case 0x1b:
                return "\\e";
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
        boolean bidi = c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
        return control || bidi ? String.format("\\u%04x", (int) c) : null;
    }
}
