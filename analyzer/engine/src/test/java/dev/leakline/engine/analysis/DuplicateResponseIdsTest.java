package dev.leakline.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/**
 * Response ids are unique within a JVM run: two opens under one id mean a reader counted two JVMs as one run (files
 * that do not name their JVM, from JVMs started too close together to tell apart). The analysis says so instead of
 * silently pairing one JVM's open with the other's close.
 */
class DuplicateResponseIdsTest {
    private static final JvmRun RUN = new JvmRun(1_000, -1);
    private static final List<Frame> STACK = List.of(new Frame("com.acme.Shop", "buy", 42));

    private static ResponseOpened opened(long id, long at) {
        return new ResponseOpened(RUN, at, 1, "main", id, 0, "c", "GET", "http://h/x", 200, "HTTP/1.1", -1, STACK);
    }

    @Test
    void aResponseIdOpenedTwiceInOneRunIsWarnedAbout() {
        AnalysisBuilder builder = new AnalysisBuilder(AnalysisOptions.defaults());
        builder.onEvent(opened(1, 1_000));
        builder.onEvent(opened(2, 2_000));
        builder.onEvent(opened(1, 3_000));
        builder.onChunk(new ChunkFacts("a.jfr", 1, 0, 10_000, RUN, ChunkFacts.Outcome.READ, null));

        Analysis analysis = builder.finish(List.of("a.jfr"));

        assertThat(analysis.warnings()).hasSize(1);
        assertThat(analysis.warnings().get(0)).startsWith("1 leakline.ResponseOpened events reused a response id of"
                + " their JVM run");
    }

    @Test
    void distinctIdsAreNotWarnedAbout() {
        AnalysisBuilder builder = new AnalysisBuilder(AnalysisOptions.defaults());
        builder.onEvent(opened(1, 1_000));
        builder.onEvent(opened(2, 2_000));
        builder.onChunk(new ChunkFacts("a.jfr", 1, 0, 10_000, RUN, ChunkFacts.Outcome.READ, null));

        assertThat(builder.finish(List.of("a.jfr")).warnings()).isEmpty();
    }
}
