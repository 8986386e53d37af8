package dev.leakline.engine.event;

/**
 * Which JVM and Java version wrote a chunk, from {@code jdk.JVMInformation} (and {@code jdk.OSInformation}). The
 * JDK writes no separate {@code java.version} field there: its {@code jvmVersion} reads like {@code OpenJDK 64-Bit
 * Server VM (17.0.15+6-Debian-1deb12u1) for linux-amd64 JRE (17.0.15+6-Debian-1deb12u1), built on ...}, so the two
 * versions are taken from its parentheses.
 *
 * @param jvmName     e.g. {@code OpenJDK 64-Bit Server VM}; null when unknown
 * @param jvmVersion  the VM's version, e.g. {@code 17.0.15+6-Debian-1deb12u1}; null when unknown
 * @param javaVersion the Java runtime's version (the {@code JRE (...)} part), e.g. {@code 25.0.3+9-LTS}; null when
 *                    unknown
 * @param os          the operating system in one line, e.g. {@code Debian GNU/Linux 12 (bookworm)}; null when unknown
 * @param mainClass   the main class (or {@code -jar}'s jar), the first word of
 *                    {@code jdk.JVMInformation.javaArguments}, e.g. {@code com.example.shop.ShopApp}; null when unknown. The arguments after it are not kept:
 *                    they may hold secrets.
 */
public record JvmInfo(String jvmName, String jvmVersion, String javaVersion, String os, String mainClass) {
    /** Facts without the Java arguments. */
    public JvmInfo(String jvmName, String jvmVersion, String javaVersion, String os) {
        this(jvmName, jvmVersion, javaVersion, os, null);
    }

    /** Longest OS line kept: the raw value is a whole os-release file plus uname and libc. */
    private static final int MAX_OS = 120;

    /**
     * Builds the facts from the raw event values, any of which may be null.
     *
     * @param jvmName    {@code jdk.JVMInformation.jvmName}
     * @param rawVersion {@code jdk.JVMInformation.jvmVersion}
     * @param rawOs      {@code jdk.OSInformation.osVersion}
     */
    public static JvmInfo of(String jvmName, String rawVersion, String rawOs) {
        return of(jvmName, rawVersion, rawOs, null);
    }

    /**
     * As {@link #of(String, String, String)}, with the main class and its arguments.
     *
     * @param javaArguments {@code jdk.JVMInformation.javaArguments}
     */
    public static JvmInfo of(String jvmName, String rawVersion, String rawOs, String javaArguments) {
        String name = blankToNull(jvmName);
        String vm = null;
        String java = null;
        if (rawVersion != null) {
            int open = rawVersion.indexOf('(');
            vm = open < 0 ? null : inParentheses(rawVersion, open);
            int jre = rawVersion.indexOf("JRE (");
            java = jre < 0 ? null : inParentheses(rawVersion, jre + 4);
        }
        String args = blankToNull(javaArguments);
        return new JvmInfo(name, vm, java, osLine(rawOs), args == null ? null : args.split("\\s+", 2)[0]);
    }

    /** One line for reports, e.g. {@code OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1}; null when unknown. */
    public String summary() {
        String version = javaVersion != null ? javaVersion : jvmVersion;
        if (jvmName == null) {
            return version;
        }
        return version == null ? jvmName : jvmName + " " + version;
    }

    private static String inParentheses(String text, int open) {
        int close = text.indexOf(')', open);
        return close < 0 ? null : blankToNull(text.substring(open + 1, close));
    }

    /** The os-release PRETTY_NAME when there is one (Linux), else the first non-blank line (macOS, Windows). */
    private static String osLine(String raw) {
        if (raw == null) {
            return null;
        }
        String first = null;
        for (String line : raw.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("PRETTY_NAME=")) {
                first = trimmed.substring("PRETTY_NAME=".length()).replace("\"", "");
                break;
            }
            if (first == null && !trimmed.isEmpty()) {
                first = trimmed;
            }
        }
        first = blankToNull(first);
        return first == null || first.length() <= MAX_OS ? first : first.substring(0, MAX_OS) + "...";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
