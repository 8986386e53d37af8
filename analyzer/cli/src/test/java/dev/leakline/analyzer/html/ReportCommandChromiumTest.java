package dev.leakline.analyzer.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.Cli;
import dev.leakline.analyzer.TestRecordings;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.Actor;

/**
 * Reports written by {@code leakline report} from real recordings, opened in headless Chromium: the service
 * recording renders without console messages (and is screenshotted), and a recording full of markup runs no script.
 * Skipped where Chromium is missing unless {@code CI=true}.
 */
class ReportCommandChromiumTest {
    static final String SCRIPT_URI = "http://127.0.0.1/<script>alert(1)</script>";
    static final String IMG_THREAD = "<img src=x onerror=alert(1)>";
    static final String SCRIPT_POOL = "<script>document.title='pwned'</script>";

    @TempDir
    static Path work;
    static Chromium chromium;

    @BeforeAll
    static void chromium() {
        chromium = Chromium.requireOrSkip(work);
    }

    @Test
    void theServiceReportRendersWithoutConsoleMessages() throws Exception {
        Path recordings = Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("recordings/jdk17")
                .normalize();
        Path service = recordings.resolve("apache-httpclient5/service.jfr");
        if (!Files.isRegularFile(service) || Files.size(service) == 0) {
            service = recordings.resolve("java-net-http/service.jfr");
        }
        Path page = work.resolve("service.html");
        Cli.Result result = Cli.run("report", service, "-o", page);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);

        Chromium.Run dom = chromium.dumpDom(page);
        assertThat(dom.consoleLines()).isEmpty();
        assertThat(dom.stdout()).contains("<svg").contains("Leakline report").contains("leaked");

        Path png = work.resolve("service.png");
        Chromium.Run shot = chromium.screenshot(page, png);
        assertThat(shot.consoleLines()).isEmpty();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("PNG decodes").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        // Kept for docs/images/report.png (copied by hand; tests never write outside target/).
        Path target = Path.of("target", "service-report.png");
        Files.createDirectories(target.getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aRecordingFullOfMarkupRunsNoScript() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Path recording = TestRecordings.record(work, "hostile.jfr", () -> {
            Thread hostile = new Thread(() -> {
                long connection = Leakline.connectionId("hostile");
                TrackedResponse clean = Leakline.responseOpened("test-client", connection, "GET", SCRIPT_URI, 200,
                        "HTTP/1.1", 1);
                clean.closed(Actor.APPLICATION);
                Leakline.connectionReleased(connection, SCRIPT_POOL, ReleaseOutcome.POOLED, clean.id());
                Leakline.responseOpened("test-client", connection, "GET", SCRIPT_URI, 200, "HTTP/1.1", 1);
                opened.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, IMG_THREAD);
            hostile.start();
            // The leak must be older than --min-age when the recording stops, however slowly the thread started.
            opened.await();
            TestRecordings.pause(Duration.ofMillis(150));
        });
        done.countDown();
        Path page = work.resolve("hostile.html");
        Cli.Result result = Cli.run("report", "--min-age", "50ms", recording, "-o", page);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(#)&gt;");

        Chromium.Run dom = chromium.dumpDom(page);
        // A script that ran, or one the Content Security Policy blocked, would both leave console lines.
        assertThat(dom.consoleLines()).isEmpty();
        assertThat(dom.stdout()).doesNotContain("<script").doesNotContain("<img").doesNotContain("pwned</title>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
