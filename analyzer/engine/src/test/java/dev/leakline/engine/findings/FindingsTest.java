package dev.leakline.engine.findings;

import static dev.leakline.engine.Records.RUN;
import static dev.leakline.engine.Records.S;
import static dev.leakline.engine.Records.T0;
import static dev.leakline.engine.Records.closed;
import static dev.leakline.engine.Records.drained;
import static dev.leakline.engine.Records.opened;
import static dev.leakline.engine.Records.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.pairing.Verdict;

/** Findings in their fixed shape, most severe first, with the wording a user reads. */
class FindingsTest {
    private static final String A = "com.acme.A.a(A.java:1)";
    private static final String B = "com.acme.B.b(B.java:2)";

    private static Analysis analyze(boolean loss, RecordedEvent... events) {
        AnalysisBuilder builder = new AnalysisBuilder(AnalysisOptions.defaults());
        for (RecordedEvent e : events) {
            builder.onEvent(e);
        }
        if (loss) {
            builder.onEvent(new RecordedEvent.DataLoss(RUN, T0 + 99 * S, 10));
        }
        builder.onChunk(new ChunkFacts("a.jfr", 1, T0, T0 + 100 * S, RUN, ChunkFacts.Outcome.READ, null));
        return builder.finish(List.of("a.jfr"));
    }

    @Test
    void aRecordingWithoutLeaklineEventsSaysSo() {
        assertThat(Findings.of(analyze(false))).containsExactly(new Finding(Severity.INFO, "no_events", null, 0,
                "The recording holds no Leakline events.",
                "The application did not run with the Leakline library, or the recording did not enable the "
                        + "leakline.* events.",
                "Record with -XX:StartFlightRecording:settings=default,settings=<path>/leakline.jfc."));
    }

    @Test
    void leaksAreErrorsLongHeldResponsesWarningsAndClosedConnectionsInformation() {
        Analysis a = analyze(false,
                opened(1, 1, stack("com.acme.A.a:1")), opened(2, 1, stack("com.acme.A.a:1")),
                opened(3, 1, stack("com.acme.B.b:2"), "okhttp", "http://h/x", null, 5), closed(3, 1, false),
                new RecordedEvent.ConnectionReleased(RUN, T0 + S, 5, "p", "closed", 3),
                opened(4, 1, stack("com.acme.B.b:2")), drained(4, 1),
                opened(5, 1, stack("com.acme.B.b:2")), closed(5, 30, true),
                new RecordedEvent.ThreadStarted(RUN, T0 + S, 40, "OkHttp ConnectionPool", 1, "main",
                        stack("com.acme.B.b:3")),
                new RecordedEvent.ThreadStarted(RUN, T0 + S, 41, "custom-worker", 1, "main", stack("com.acme.B.b:4")),
                new RecordedEvent.ThreadStarted(RUN, T0 + S, 42, "OkHttp Dispatcher", 1, "main", List.of()));
        List<Finding> findings = Findings.of(a);

        assertThat(findings).extracting(Finding::severity, Finding::kind, Finding::site, Finding::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Severity.ERROR, "leaked", A, 2L),
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "recovered", B, 1L),
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "drained_not_closed", B, 1L),
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "threads", "com.acme.B.b(B.java:3)", 1L),
                        org.assertj.core.groups.Tuple.tuple(Severity.INFO, "closed_unread", B, 1L));
        assertThat(findings.get(0).summary()).isEqualTo("2 responses opened at " + A
                + ": opened, then neither read to the end nor closed.");
        assertThat(findings.get(0).explanation()).startsWith("An unfinished body pins its connection");
        assertThat(findings.get(0).fix()).isEqualTo(Advice.fix(Verdict.LEAKED));
        assertThat(findings.get(1).summary()).isEqualTo("1 response opened at " + B
                + ": left open longer than the minimum age, then finished.");
        assertThat(findings.get(1).explanation()).startsWith("The response was finished eventually");
        assertThat(findings.get(2).explanation()).startsWith("The body was read to its end but the response");
        assertThat(findings.get(3).summary()).isEqualTo("1 OkHttp ConnectionPool thread still alive at the end,"
                + " started at com.acme.B.b(B.java:3).");
        assertThat(findings.get(3).explanation()).startsWith("Each okhttp client keeps its threads");
        assertThat(findings.get(4).summary()).isEqualTo("1 response opened at " + B
                + " closed before the end cost their connection.");
        assertThat(findings.get(4).fix()).isEqualTo(Advice.fix(Verdict.CLOSED_UNREAD));
    }

    @Test
    void lostEventsAreAWarningWithTheUncertainCount() {
        Analysis a = analyze(true, opened(1, 1, stack("com.acme.A.a:1")), opened(2, 2, stack("com.acme.A.a:1")));
        List<Finding> findings = Findings.of(a);
        assertThat(findings).extracting(Finding::kind).containsExactly("uncertain", "data_loss");
        assertThat(findings.get(0).summary()).isEqualTo("2 responses opened at " + A + ": "
                + Advice.explanation(Verdict.UNCERTAIN) + ".");
        assertThat(findings.get(0).explanation()).isEqualTo(Advice.explanation(Verdict.UNCERTAIN));
        assertThat(findings.get(1)).isEqualTo(new Finding(Severity.WARNING, "data_loss", null, 2,
                "1 window where events may be missing; 2 verdicts uncertain.",
                "jdk.DataLoss, a damaged or truncated chunk, or a gap between chunks: a drain or close there "
                        + "may not be in the recording.",
                "Record with a larger buffer or fewer events, and keep whole chunks (maxage/maxsize)."));
    }

    @Test
    void everyVerdictHasItsOwnExplanationAndFix() {
        assertThat(Advice.explanation(Verdict.LEAKED)).isEqualTo("opened, then neither read to the end nor closed");
        assertThat(Advice.explanation(Verdict.IN_FLIGHT))
                .isEqualTo("still open at the end of the recording, but younger than the minimum age");
        assertThat(Advice.explanation(Verdict.CLOSED_UNREAD)).isEqualTo("closed before the body was read to the end");
        assertThat(Advice.explanation(Verdict.DRAINED_NOT_CLOSED)).isEqualTo("read to the end but never closed");
        assertThat(Advice.explanation(Verdict.CLEAN)).isEqualTo("read to the end and closed");
        assertThat(Advice.fix(Verdict.UNCERTAIN))
                .isEqualTo("Record again without data loss (larger buffers, fewer events) to judge it.");
        assertThat(Advice.fix(Verdict.IN_FLIGHT)).isEqualTo("Nothing yet; record longer or lower --min-age to judge it.");
        assertThat(Advice.fix(Verdict.DRAINED_NOT_CLOSED))
                .isEqualTo("Close the response too; some clients hold the connection until close.");
        assertThat(Advice.fix(Verdict.CLEAN)).isEqualTo("Nothing.");
        assertThat(Advice.fix(Verdict.RECOVERED))
                .isEqualTo("Close it sooner (finally / try-with-resources): it held its connection meanwhile.");
        assertThat(Severity.ERROR.id()).isEqualTo("error");
        assertThat(Severity.INFO.id()).isEqualTo("info");
        assertThat(Verdict.CLOSED_UNREAD.id()).isEqualTo("closed_unread");
        assertThat(java.util.Arrays.stream(Verdict.values()).filter(Verdict::isProblem))
                .containsExactly(Verdict.LEAKED, Verdict.UNCERTAIN, Verdict.CLOSED_UNREAD, Verdict.DRAINED_NOT_CLOSED,
                        Verdict.RECOVERED);
    }
}
