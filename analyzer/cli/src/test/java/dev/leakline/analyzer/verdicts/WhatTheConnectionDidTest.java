package dev.leakline.analyzer.verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.Cli;
import dev.leakline.analyzer.TestRecordings;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;

/**
 * Verdicts decided from what the connection really did (docs/analyzer.md, "Verdicts"): one real recording, made here
 * with jdk.jfr and the Leakline core API the adapters call, with the event sequences the clients write for responses
 * with nothing to read, bodies read exactly to their Content-Length, and bodies closed unread whose connection went
 * back to the pool or was closed. Each response has its own URI; the test asserts each one's verdict.
 */
class WhatTheConnectionDidTest {
    private static final String C = "test-client";
    private static final String BASE = "http://127.0.0.1:8080/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SITES = new HashMap<>();

    @TempDir
    static Path dir;
    static JsonNode report;
    static int exitCode;

    @BeforeAll
    static void recordAndAnalyze() throws Exception {
        Path recording = TestRecordings.record(dir, "connection.jfr", () -> {
            // Nothing to read, left untouched, connection pooled at once (OkHttp's sequence for HEAD/204/304/empty).
            Open.untouchedAndPooled(11, "HEAD", "head", 200, 1234);
            Open.untouchedAndPooled(12, "GET", "no-content", 204, -1);
            Open.untouchedAndPooled(13, "GET", "not-modified", 304, -1);
            Open.untouchedAndPooled(14, "GET", "empty", 200, 0);
            // Nothing to read, untouched, but no release recorded: the connection may still be held.
            Open.untouched(15, "HEAD", "head-unreleased", 200, 1234);
            // A body with bytes to read, untouched, its connection never released: a leak.
            Open.untouched(16, "GET", "untouched", 200, 10);
            // Read exactly to its Content-Length, never seeing -1, then closed.
            Open.readAndClose(21, "exact-length", 10, 10);
            // Read short of its Content-Length, then closed.
            Open.readAndClose(22, "short-read", 10, 3);
            // Closed unread; the client read the rest and pooled the connection (Apache 5.2+, EntityUtils.consume).
            for (int i = 0; i < 2; i++) {
                Open.closedUnread(31 + i, "unread-pooled", ReleaseOutcome.POOLED);
            }
            // Closed unread; the client closed the connection (a new one must be opened).
            Open.closedUnread(33, "unread-closed", ReleaseOutcome.CLOSED);
            TestRecordings.pause(java.time.Duration.ofMillis(400));
        });
        Cli.Result result = Cli.run("analyze", "--min-age", "200ms", "--format", "json", "--skip-frames",
                Open.class.getName(), recording);
        exitCode = result.exitCode();
        report = JSON.readTree(result.out());
    }

    /**
     * Opens responses the way the adapters do. Skipped as frames (--skip-frames), so each response's site is the line
     * of the recording scenario that called it, remembered in {@link #SITES} under the response's path.
     */
    static final class Open {
        private Open() {
        }

        static void untouchedAndPooled(long connection, String method, String path, int status, long length) {
            TrackedResponse r = untouched(connection, method, path, status, length);
            Leakline.connectionReleased(connection, "pool-a", ReleaseOutcome.POOLED, r.id());
        }

        static TrackedResponse untouched(long connection, String method, String path, int status, long length) {
            SITES.put(path, callerOfOpen());
            return Leakline.responseOpened(C, connection, method, BASE + path, status, "HTTP/1.1", length);
        }

        static void readAndClose(long connection, String path, long length, long read) {
            TrackedResponse r = untouched(connection, "GET", path, 200, length);
            r.bodyRead(read);
            r.closed(Actor.APPLICATION);
        }

        static void closedUnread(long connection, String path, ReleaseOutcome outcome) {
            TrackedResponse r = untouched(connection, "GET", path, 200, 100_000);
            r.closed(Actor.APPLICATION);
            Leakline.connectionReleased(connection, "pool-a", outcome, r.id());
        }

        /** The first frame outside this class: the scenario line the analyzer will name as the site. */
        private static String callerOfOpen() {
            StackWalker.StackFrame f = StackWalker.getInstance().walk(frames -> frames
                    .filter(x -> !x.getClassName().equals(Open.class.getName())).findFirst()).orElseThrow();
            return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
        }
    }

    /** The verdicts of the responses opened for {@code path}, one entry per response, from the site's counts. */
    private static List<String> verdicts(String path) {
        List<String> out = new ArrayList<>();
        for (JsonNode site : report.get("sites")) {
            if (site.get("site").asText().equals(SITES.get(path))) {
                site.get("counts").fields().forEachRemaining(e -> {
                    for (long i = 0; i < e.getValue().asLong(); i++) {
                        out.add(e.getKey());
                    }
                });
            }
        }
        return out;
    }

    @Test
    void untouchedResponsesWithNothingToReadAreCleanWhenTheirConnectionWasReleased() {
        for (String path : List.of("head", "no-content", "not-modified", "empty")) {
            assertThat(verdicts(path)).as(path).containsExactly("clean");
        }
    }

    @Test
    void untouchedResponsesWithNothingToReadButNoReleaseAndBodiesToReadStayLeaked() {
        assertThat(verdicts("head-unreleased")).containsExactly("leaked");
        assertThat(verdicts("untouched")).containsExactly("leaked");
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isEqualTo(2);
        assertThat(exitCode).isEqualTo(1);
    }

    @Test
    void aBodyReadExactlyToItsContentLengthAndClosedIsClean() {
        assertThat(verdicts("exact-length")).containsExactly("clean");
        assertThat(verdicts("short-read")).containsExactly("closed_unread");
    }

    @Test
    void closedUnreadWithItsConnectionPooledIsInformationAndWithItClosedAWarning() {
        assertThat(verdicts("unread-pooled")).containsExactly("closed_unread", "closed_unread");
        assertThat(verdicts("unread-closed")).containsExactly("closed_unread");
        List<String> closedUnreadFindings = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("kind").asText().equals("closed_unread")) {
                closedUnreadFindings.add(f.get("severity").asText() + " " + f.get("count").asLong());
            }
        });
        // Three sites close unread: unread-pooled (2, pooled), unread-closed (1, closed), short-read (1, no release).
        assertThat(closedUnreadFindings).containsExactlyInAnyOrder("info 2", "warning 1");
    }
}
