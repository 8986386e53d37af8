package dev.leakline.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.leakline.analyzer.TestRecordings;

import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.sites.Site;

/**
 * The JUnit extension and the {@code leakline} command judge the same recording alike: every bundled recording
 * (recordings/, made by real clients against a real server) is read once through the extension's reader
 * ({@code jdk.jfr.consumer}) and once through the command's (JMC's parser), both into the one verdict engine, and
 * every response's verdict and every site's counts must be equal. Lives here, in the command's tests, because the
 * extension does not depend on the command (its users should not get JMC), while a test dependency this way round
 * makes no cycle.
 */
class SameVerdictsAsTheCommandTest {
    @TestFactory
    Stream<DynamicTest> everyBundledRecordingGetsTheSameVerdictsFromBothReaders() throws IOException {
        Path root = TestRecordings.bundledRoot();
        // 43 recordings are committed; a missing directory must fail, not pass empty.
        List<Path> recordings = TestRecordings.bundled(43);
        return recordings.stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(),
                () -> compare(file)));
    }

    private static void compare(Path file) throws Exception {
        AnalysisOptions options = AnalysisOptions.defaults();
        Analysis command = new Analyzer(dev.leakline.analyzer.read.RecordingReader.jmc(), options).analyze(List.of(file));
        // The extension judges a snapshot as of its end; a file ends where its last chunk's header says.
        Analysis extension = RecordingReader.read(file, new JvmRun(0, -1), lastChunkEndNanos(file), options)
                .analysis();

        assertThat(command.leaklineEvents()).as("Leakline events the command read in " + file).isPositive();
        assertThat(verdicts(extension)).as("verdict of each response in " + file).isEqualTo(verdicts(command));
        assertThat(counts(extension)).as("verdict counts per site in " + file).isEqualTo(counts(command));
        assertThat(extension.pairing().orphans()).as("orphans in " + file).hasSameSizeAs(command.pairing().orphans());
        assertThat(extension.leaklineEvents()).as("Leakline events in " + file).isEqualTo(command.leaklineEvents());
    }

    /** Response id to its verdict (and whether uncertain) and site. */
    private static Map<Long, String> verdicts(Analysis a) {
        Map<Long, String> out = new TreeMap<>();
        for (Response r : a.pairing().responses()) {
            out.put(r.id(), r.verdict().id() + (r.uncertain() ? " (uncertain)" : "") + " " + r.pool() + " "
                    + r.connectionOutcome());
        }
        return out;
    }

    private static Map<String, String> counts(Analysis a) {
        Map<String, String> out = new TreeMap<>();
        for (Site site : a.sites()) {
            out.put(site.site(), new TreeMap<>(site.counts()) + " " + site.appFrames() + " " + site.clients());
        }
        return out;
    }

    /** The end of the file's last chunk: its start plus its duration, from the chunk header (JFR format 2). */
    private static long lastChunkEndNanos(Path file) throws IOException {
        long end = 0;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            for (long at = 0; at + 48 <= in.length(); ) {
                in.seek(at + 8);
                long size = in.readLong();
                in.seek(at + 32);
                long start = in.readLong();
                long duration = in.readLong();
                end = Math.max(end, start + duration);
                if (size <= 0) {
                    break;
                }
                at += size;
            }
        }
        return end;
    }
}
