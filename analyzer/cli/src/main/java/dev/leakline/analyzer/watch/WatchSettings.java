package dev.leakline.analyzer.watch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event settings of the recording watch starts in the target: the Leakline settings ({@code docs/leakline.jfc},
 * also {@code dev/leakline/jfr/leakline.jfc} in the library jar; {@code WatchSettingsTest} checks they agree) plus
 * {@code jdk.JVMInformation} at each chunk, which a {@code --dump} needs to be analyzed offline as one JVM run, and
 * {@code jdk.Flush}, one small event per flush (about one a second), which tells the live view up to when the stream
 * is complete ({@link LiveFeed}).
 * Nothing else: JFR settings are a union over a JVM's recordings, so these add only what watch reads, and the target
 * pays for nothing more.
 */
final class WatchSettings {
    private WatchSettings() {
    }

    /** Setting names as {@code jdk.jfr.Recording#setSettings} takes them ({@code event#setting}). */
    static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("leakline.RequestStarted#enabled", "true");
        s.put("leakline.RequestStarted#stackTrace", "true");
        s.put("leakline.RequestStarted#threshold", "0 ms");
        s.put("leakline.ResponseOpened#enabled", "true");
        s.put("leakline.ResponseOpened#stackTrace", "true");
        s.put("leakline.ResponseDrained#enabled", "true");
        s.put("leakline.ResponseDrained#stackTrace", "false");
        s.put("leakline.ResponseClosed#enabled", "true");
        s.put("leakline.ResponseClosed#stackTrace", "false");
        s.put("leakline.ConnectionReleased#enabled", "true");
        s.put("leakline.ConnectionReleased#stackTrace", "false");
        s.put("jdk.ThreadStart#enabled", "true");
        s.put("jdk.ThreadStart#stackTrace", "true");
        s.put("jdk.ThreadEnd#enabled", "true");
        s.put("jdk.JVMInformation#enabled", "true");
        s.put("jdk.JVMInformation#period", "beginChunk");
        s.put("jdk.Flush#enabled", "true");
        s.put("jdk.Flush#threshold", "0 ns");
        return s;
    }
}
