package dev.leakline.jfr.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * Recordings get shared: a URI must reach the file without credentials, query or fragment, however it is written.
 * Each case is recorded for real and read back from the file. Markup and control characters are kept as data
 * (escaping is the job of whoever prints them, see the analyzer's HostileValuesTest) but never hide a secret.
 */
class HostileRedactionTest {
    /** Hostile URI, what the recording may hold. */
    private static final Map<String, String> CASES = Map.ofEntries(
            Map.entry("http://admin:s3cr3t@127.0.0.1:8080/p?token=s3cr3t#s3cr3t", "http://127.0.0.1:8080/p"),
            Map.entry("HTTPS://ADMIN:S3CR3T@HOST:443", "HTTPS://HOST:443"),
            Map.entry("http://a@b:s3cr3t@host/p", "http://host/p"),
            Map.entry("http://user:s3cr3t@host?q=s3cr3t", "http://host"),
            Map.entry("http://user:s3cr3t@host#s3cr3t", "http://host"),
            Map.entry("http://host/path@with-at/x?s3cr3t", "http://host/path@with-at/x"),
            Map.entry("http://user%40corp:s3cr3t%3A@host/p", "http://host/p"),
            Map.entry("http://[::1]:8080/p?key=s3cr3t", "http://[::1]:8080/p"),
            Map.entry("/relative/only?token=s3cr3t", "/relative/only"),
            Map.entry("http://host/<script>alert(1)</script>?s3cr3t", "http://host/<script>alert(1)</script>"),
            Map.entry("http://host/\u001b[2J\u0007\r\nx?s3cr3t", "http://host/\u001b[2J\u0007\r\nx"),
            Map.entry("http://us\u001ber:s3cr3t@host/ctl", "http://host/ctl"));

    @Test
    void credentialsQueriesAndFragmentsNeverReachTheRecording() throws Exception {
        List<String> inputs = new ArrayList<>(CASES.keySet());
        List<RecordedEvent> opened;
        try (Recorder recorded = Recorder.start()) {
            for (String uri : inputs) {
                TrackedResponse r = Leakline.responseOpened("robust", 0, "GET", uri, 200, "HTTP/1.1", -1);
                assertThat(r.isTracked()).isTrue();
            }
            opened = Recorder.named(recorded.stop(), Recorder.OPENED);
        }
        assertThat(opened).hasSize(inputs.size());
        List<String> recordedUris = opened.stream().map(e -> e.getString("uri")).toList();
        assertThat(recordedUris).as("recorded URIs").noneMatch(u -> u.toLowerCase().contains("s3cr3t"))
                .noneMatch(u -> u.toLowerCase().contains("admin") || u.contains("user"));
        assertThat(recordedUris).containsExactlyInAnyOrderElementsOf(CASES.values());
    }

    /**
     * A scheme-relative reference ({@code //user:pass@host/path}) is what some applications hand over when they log
     * or resolve URLs themselves; its authority holds credentials just the same.
     */
    @Test
    void aSchemeRelativeUriLosesItsCredentials() throws Exception {
        List<RecordedEvent> opened;
        try (Recorder recorded = Recorder.start()) {
            Leakline.responseOpened("robust", 0, "GET", "//user:s3cr3t@host/scheme-relative?q=s3cr3t", 200,
                    "HTTP/1.1", -1);
            opened = Recorder.named(recorded.stop(), Recorder.OPENED);
        }
        assertThat(opened.get(0).getString("uri")).isEqualTo("//host/scheme-relative");
    }

    @Test
    void anOverlongUriIsCutAndStillRedacted() throws Exception {
        String uri = "http://user:s3cr3t@host/" + "a".repeat(100_000) + "?token=s3cr3t";
        List<RecordedEvent> opened;
        try (Recorder recorded = Recorder.start()) {
            Leakline.responseOpened("robust", 0, "GET", uri, 200, "HTTP/1.1", -1);
            opened = Recorder.named(recorded.stop(), Recorder.OPENED);
        }
        String recordedUri = opened.get(0).getString("uri");
        assertThat(recordedUri).startsWith("http://host/aaa").doesNotContain("s3cr3t").doesNotContain("user");
        assertThat(recordedUri.length()).isLessThanOrEqualTo(1024);
    }

    /** Pool names and methods come from the application too; they are cut like URIs, on open and on release. */
    @Test
    void anOverlongPoolAndMethodAreCut() throws Exception {
        String pool = "pool-" + "p".repeat(1_000_000);
        String method = "M".repeat(100_000);
        List<RecordedEvent> events;
        try (Recorder recorded = Recorder.start()) {
            Leakline.responseOpened("robust", pool, 7, method, "http://host/p", 200, "HTTP/1.1", -1)
                    .closed(Actor.APPLICATION);
            Leakline.connectionReleased(7, pool, ReleaseOutcome.POOLED, 0);
            events = recorded.stop();
        }
        RecordedEvent open = Recorder.named(events, Recorder.OPENED).get(0);
        RecordedEvent release = Recorder.named(events, Recorder.RELEASED).get(0);
        String cut = pool.substring(0, 1023) + "\u2026";
        assertThat(open.getString("pool")).isEqualTo(cut);
        assertThat(release.getString("pool")).isEqualTo(cut);
        assertThat(open.getString("method")).isEqualTo("M".repeat(1023) + "\u2026");
    }
}
