package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;
import dev.leakline.jfr.Leakline;

/**
 * JMC resolves stack traces chunk by chunk; the records of different chunks must still share one list per distinct
 * stack, so that responses kept open across many chunks do not each keep their chunk's copy.
 */
class SharedStacksTest {
    @TempDir
    Path dir;

    @Test
    void responsesOpenedAtOneLineInDifferentChunksShareTheirStack() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("a.jfr", "b.jfr")) { // one line, so both opens have one stack
            files.add(TestRecordings.record(dir, name, SharedStacksTest::openAtOneLine));
        }
        Path both = TestRecordings.concat(dir.resolve("both.jfr"), files.get(0), files.get(1));

        List<RecordedEvent.ResponseOpened> opens = opens(both);
        assertThat(opens).hasSize(2);
        List<Frame> a = opens.get(0).stack();
        List<Frame> b = opens.get(1).stack();
        assertThat(a).isEqualTo(b).isNotEmpty();
        assertThat(a).as("one list for both chunks").isSameAs(b);
    }

    @Test
    void aFullCacheStartsAfreshAndStillGivesEqualStacks() {
        SharedStacks shared = new SharedStacks();
        List<Frame> kept = List.of(new Frame("a.B", "c", 1));
        assertThat(shared.share(kept)).isSameAs(kept);
        assertThat(shared.share(List.of(new Frame("a.B", "c", 1)))).isSameAs(kept);
        for (int i = 0; i <= SharedStacks.LIMIT; i++) {
            shared.share(List.of(new Frame("x.Y", "z", i)));
        }
        List<Frame> again = List.of(new Frame("a.B", "c", 1));
        assertThat(shared.share(again)).as("emptied when full: the next one is kept anew").isSameAs(again);
    }

    private static void openAtOneLine() {
        Leakline.responseOpened("lib", 1, "GET", "http://h/", 200, "HTTP/1.1", 0);
    }

    private static List<RecordedEvent.ResponseOpened> opens(Path file) throws BadInputException {
        List<RecordedEvent.ResponseOpened> opens = new ArrayList<>();
        RecordingReader.jmc().read(file, new RecordingListener() {
            @Override
            public void onEvent(RecordedEvent event) {
                if (event instanceof RecordedEvent.ResponseOpened open) {
                    opens.add(open);
                }
            }

            @Override
            public void onChunk(ChunkFacts chunk) {
            }

            @Override
            public void onWarning(String message) {
            }
        });
        return opens;
    }
}
