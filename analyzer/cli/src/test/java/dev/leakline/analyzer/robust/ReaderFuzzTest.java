package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.leakline.analyzer.cli.LeaklineCommand;

/**
 * Coverage-guided fuzzing, with Jazzer, of the path a recording takes: compression detection, chunk splitting, JMC's
 * parser, our conversion, pairing and the JSON report, entered through the real command line (a stable entry point,
 * unlike the reader's internal interfaces). The only allowed ways out are a report (exit 0 or 1) or a refusal (exit
 * 2, one line on stderr); an exception or error escaping, exit 3 (an internal error) or a multi-line error is a
 * finding.
 *
 * <p>In a normal build Jazzer runs in regression mode: it replays the seeds in
 * {@code src/test/resources/dev/leakline/analyzer/robust/ReaderFuzzTestInputs/readsOrRefuses/} (a small real
 * recording, gzip-compressed and cut copies of it, a bare old-format header) and the empty input.
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}; see docs/robustness.md.
 */
class ReaderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void readsOrRefuses(byte[] data) throws IOException {
        Path file = Files.createTempFile("leakline-fuzz", ".jfr");
        try {
            Files.write(file, data);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = LeaklineCommand.create(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute("analyze", "--format", "json", file.toString());
            assertThat(exit).as("exit code; stderr: %s", err).isIn(0, 1, 2);
            List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as("stderr").allSatisfy(l -> assertThat(l).startsWith("leakline: "));
            if (exit == 2) {
                assertThat(lines).as("a refusal is one line").hasSize(1);
                assertThat(out.toString()).isBlank();
            } else {
                assertThat(out.toString()).as("the JSON report").startsWith("{");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
