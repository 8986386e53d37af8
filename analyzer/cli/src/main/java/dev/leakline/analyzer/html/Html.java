package dev.leakline.analyzer.html;

/**
 * The one place strings become HTML. Everything from a recording (URIs, thread names, frames, client and pool
 * names, JVM arguments) passes through here; the renderers never concatenate an unescaped string into markup.
 *
 * <p>One escaping serves both text and double- or single-quoted attribute values: {@code & < > " '} become
 * character references. Characters HTML forbids or that would make the file invalid are made visible instead of
 * dropped, so a hostile or corrupt string still shows what it was: C0 controls (except tab, line feed and
 * carriage return) and DEL become their Unicode control pictures ({@code U+2400} block, e.g. ESC shows as ␛),
 * C1 controls, unpaired surrogates and the non-characters U+FFFE/U+FFFF become U+FFFD.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes for HTML text and for quoted attribute values.
     *
     * @param s any string, {@code null} is written as an empty string
     * @return the escaped string
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\t', '\n', '\r' -> b.append(c);
                default -> {
                    if (c < 0x20) {
                        b.append((char) (0x2400 + c));
                    } else if (c == 0x7f) {
                        b.append('\u2421');
                    } else if (c >= 0x80 && c < 0xa0) {
                        b.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            b.append(c).append(s.charAt(++i));
                        } else {
                            b.append('\uFFFD');
                        }
                    } else if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
