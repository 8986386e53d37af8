package dev.leakline.jfr.internal;

/**
 * Turns a request URI into what a recording may hold. Recordings get shared (attached to tickets,
 * copied to laptops), so by default only scheme, host, port and path survive: user info, query and
 * fragment are cut. Recording query and fragment is an opt-in ({@code -Dleakline.recordQueryStrings=true}
 * or {@link dev.leakline.jfr.Leakline#setRecordQueryStrings(boolean)}); user info is never recorded.
 */
public final class UriRedactor {
    /** Longer URIs are cut here: a recording is no place for a megabyte path. */
    static final int MAX_LENGTH = 1024;

    private static volatile boolean keepQuery = Boolean.getBoolean("leakline.recordQueryStrings");

    private UriRedactor() {
    }

    public static void setKeepQuery(boolean keep) {
        keepQuery = keep;
    }

    public static boolean keepQuery() {
        return keepQuery;
    }

    public static String redact(String uri) {
        if (uri == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(uri.length(), MAX_LENGTH));
        int rest = 0;
        int schemeEnd = uri.indexOf("://");
        // A network-path reference (RFC 3986 4.2), "//user:pass@host/p", has an authority without a scheme.
        boolean schemeless = uri.startsWith("//");
        if (schemeless || (schemeEnd > 0 && isScheme(uri, schemeEnd))) {
            int authorityStart = schemeless ? 2 : schemeEnd + 3;
            int authorityEnd = indexOfAny(uri, authorityStart, "/?#");
            int at = uri.lastIndexOf('@', authorityEnd - 1);
            out.append(uri, 0, authorityStart);
            out.append(uri, at >= authorityStart ? at + 1 : authorityStart, authorityEnd);
            rest = authorityEnd;
        }
        int end = keepQuery ? uri.length() : indexOfAny(uri, rest, "?#");
        out.append(uri, rest, end);
        if (out.length() > MAX_LENGTH) {
            out.setLength(MAX_LENGTH - 1);
            out.append('\u2026');
        }
        return out.toString();
    }

    private static boolean isScheme(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
