package dev.leakline.analyzer.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.analyzer.read.RecordingSpan;
import dev.leakline.analyzer.report.Caps;
import dev.leakline.analyzer.report.ReportMapper;
import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineAccumulator;
import dev.leakline.engine.timeline.TimelineSeries;

/**
 * {@code timeline} and {@code report} chart while reading, keeping no clean response: on every bundled recording
 * (leaks, pools run dry, data loss, several JVMs) that must give the very series the whole-list computation gives
 * over every response kept, and chart nothing out of order.
 */
class ChartWhileReadingTest {
    private static final int BUCKETS = 240;

    @TestFactory
    Stream<DynamicTest> everyBundledRecordingChartsAsTheWholeListDoes() throws IOException {
        Path root = TestRecordings.bundledRoot();
        List<Path> recordings = TestRecordings.bundled(40);
        return recordings.stream().map(jfr -> DynamicTest.dynamicTest(root.relativize(jfr).toString(),
                () -> check(jfr)));
    }

    private static void check(Path jfr) throws Exception {
        RecordingSpan span = RecordingSpan.of(List.of(jfr));
        Assertions.assertNotNull(span, "a plain file's span is known from its chunk headers");
        TimelineAccumulator accumulator = new TimelineAccumulator(span.startNanos(), span.endNanos(), BUCKETS,
                Caps::cap);
        Analysis folded = new Analyzer(RecordingReader.jmc(), options(false), false, accumulator)
                .analyze(List.of(jfr));
        Timeline whileReading = ReportMapper.timeline(folded, accumulator);

        Analysis kept = new Analyzer(RecordingReader.jmc(), options(true), false).analyze(List.of(jfr));
        Timeline whole = TimelineSeries.compute(ReportMapper.timelineInput(kept), BUCKETS);

        assertThat(accumulator.lateSpans()).as("opens read after the sweep").isZero();
        assertThat(accumulator.lateFinishes()).as("finishes read after the sweep").isZero();
        assertThat(whileReading.start()).isEqualTo(whole.start());
        assertThat(whileReading.end()).isEqualTo(whole.end());
        assertThat(whileReading.groups()).isEqualTo(whole.groups());
        assertThat(whileReading.threadsAlive()).isEqualTo(whole.threadsAlive());
    }

    private static AnalysisOptions options(boolean keepCleanResponses) {
        return new AnalysisOptions(AnalysisOptions.DEFAULT_MIN_AGE, List.of(), List.of(), keepCleanResponses,
                List.of());
    }
}
