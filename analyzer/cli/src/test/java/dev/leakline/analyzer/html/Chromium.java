package dev.leakline.analyzer.html;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's headless Chromium on a local file: dump the DOM after load, or take a screenshot. */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;

    /** What one run left behind. */
    record Run(String stdout, List<String> consoleLines) {
    }

    private final Path work;
    private int runs;

    /**
     * The browser, or a skipped test where it is not installed; under CI (CI=true) a missing browser fails
     * instead, so a green CI run always includes the browser tests.
     */
    static Chromium requireOrSkip(Path work) {
        boolean present = Files.isExecutable(BINARY);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + BINARY + " is missing: run .ci/install-chromium.sh first");
        }
        assumeTrue(present, BINARY + " not installed; run .ci/install-chromium.sh to enable this test");
        return new Chromium(work);
    }

    Chromium(Path work) {
        this.work = work;
    }

    /** The DOM as serialized after the page loaded (and after any script that could run, ran). */
    Run dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** A 1280x2000 PNG of the page. */
    Run screenshot(Path page, Path png) throws IOException, InterruptedException {
        return run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280,2000",
                "--hide-scrollbars");
    }

    private Run run(Path page, String... action) throws IOException, InterruptedException {
        int n = ++runs;
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + work.resolve("profile-" + n).toAbsolutePath(),
                // Console messages (including CSP violations) are logged to stderr as "...:CONSOLE:<line>] ...".
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(action));
        command.add(page.toAbsolutePath().toUri().toString());
        Path out = work.resolve("stdout-" + n + ".txt");
        Path err = work.resolve("stderr-" + n + ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + p.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), console);
    }
}
