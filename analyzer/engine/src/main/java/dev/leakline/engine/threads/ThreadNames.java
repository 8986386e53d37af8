package dev.leakline.engine.threads;

import java.util.regex.Pattern;

/** Folds thread names into patterns, so that 40 client threads become one line. */
public final class ThreadNames {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private ThreadNames() {
    }

    /** Replaces every run of digits with {@code #}: {@code HttpClient-12-SelectorManager} → {@code HttpClient-#-SelectorManager}. */
    public static String fold(String name) {
        return name == null ? "(unnamed)" : DIGITS.matcher(name).replaceAll("#");
    }

    /**
     * The client library a thread pattern belongs to, when its name says so; used to correlate threads with leaks.
     * Returns null for threads of unknown origin.
     */
    public static String clientOf(String pattern) {
        if (pattern.startsWith("HttpClient-")) {
            return "java.net.http";
        }
        if (pattern.startsWith("OkHttp")) {
            return "okhttp";
        }
        if (pattern.startsWith("httpclient-") || pattern.startsWith("I/O dispatcher")
                || pattern.contains("idle-connection-evictor") || pattern.startsWith("Connection evictor")) {
            return "apache-httpclient5";
        }
        return null;
    }
}
