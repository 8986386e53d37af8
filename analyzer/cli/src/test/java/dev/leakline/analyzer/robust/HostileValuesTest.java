package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings get shared and reports get pasted into tickets, terminals and web pages. Values the application
 * controls (URIs, thread names) may carry credentials, markup and control characters: the recording must not keep
 * the credentials, the JSON must carry the rest exactly (escaped), and the text report must not pass control
 * characters to the terminal (an ESC sequence can rewrite the screen; a CR or LF can forge a report line).
 */
class HostileValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THREAD = "<script>alert('t')</script>\u001b[2J\rforged: line\nworker-1";
    private static final String[] URIS = {
        "http://admin:s3cr3t@127.0.0.1:8080/a<b>\"c'&d?token=s3cr3t#s3cr3t",
        "http://127.0.0.1:8080/esc\u001b[31mred\u0007bell\u0000nul",
        "http://127.0.0.1:8080/line\r\nleakline: forged warning",
        "http://127.0.0.1:8080/<img src=x onerror=alert(1)>",
    };

    @TempDir
    Path dir;

    @Test
    void hostileUrisAndThreadNamesAreRedactedAndEscaped() throws Exception {
        Path file = dir.resolve("hostile.jfr");
        List<TrackedResponse> open = new ArrayList<>();
        try (Recording recording = SourceRecordings.leaklineRecording()) {
            recording.start();
            Thread opener = new Thread(() -> {
                for (String uri : URIS) {
                    open.add(Leakline.responseOpened("robust", 0, "GET", uri, 200, "HTTP/1.1", -1));
                }
            }, THREAD);
            opener.start();
            opener.join();
            Thread.sleep(5);
            recording.stop();
            recording.dump(file);
        }
        open.forEach(r -> r.closed(Actor.APPLICATION));

        String json;
        String text;
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(60))) {
            RobustCli.Run jsonRun = cli.run("analyze", "--format", "json", "--all-responses", "--min-age", "1ms", file.toString());
            RobustCli.Run textRun = cli.run("analyze", "--min-age", "1ms", file.toString());
            assertThat(jsonRun.exitCode()).as(jsonRun.err()).isEqualTo(1);
            assertThat(textRun.exitCode()).as(textRun.err()).isEqualTo(1);
            json = jsonRun.out();
            text = textRun.out() + textRun.err();
        }

        assertThat(json + text).doesNotContain("s3cr3t").doesNotContain("admin");
        JsonNode report = JSON.readTree(json);
        List<String> uris = new ArrayList<>();
        report.path("responses").forEach(r -> {
            uris.add(r.path("uri").asText());
            assertThat(r.path("threadName").asText()).isEqualTo(THREAD);
        });
        // JSON carries the values exactly (Jackson escapes them), minus what redaction removes.
        assertThat(uris).contains("http://127.0.0.1:8080/a<b>\"c'&d", "http://127.0.0.1:8080/<img src=x onerror=alert(1)>");
        assertThat(json.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t').count())
                .as("raw control characters in the JSON text").isZero();
        // The text report goes to terminals: no control character but the line ends it writes itself.
        List<String> bad = new ArrayList<>();
        text.chars().filter(c -> (c < 0x20 && c != '\n') || c == 0x7f)
                .forEach(c -> bad.add(String.format("U+%04X", c)));
        assertThat(bad).as("control characters in the text report").isEmpty();
        assertThat(text.lines()).as("a value forged a report line").noneMatch(l -> l.startsWith("forged: line")
                || l.startsWith("leakline: forged"));
    }
}
