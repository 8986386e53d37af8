package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordedEvent.ConnectionReleased;
import dev.leakline.engine.event.RecordedEvent.ResponseClosed;
import dev.leakline.engine.event.RecordedEvent.ResponseDrained;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/**
 * What the pairing tells a timeline charted while reading: each response's open and first finish as they are read,
 * whatever its verdict, an earlier finish read later, and the pool of a response folded clean once it is known.
 */
class SpanListenerTest {
    private static final JvmRun RUN = new JvmRun(1_000, 11);
    private static final long S = 1_000_000_000L;
    private static final List<Frame> STACK = List.of(new Frame("com.acme.Shop", "buy", 42));

    /** The calls, as text, in the order they came. */
    private final List<String> told = new ArrayList<>();
    /** The connection slot of each call, as text, in the order they came. */
    private final List<String> connections = new ArrayList<>();
    private final Pairing pairing = new Pairing(Duration.ofSeconds(5), true);

    SpanListenerTest() {
        pairing.onSpan(new Pairing.SpanListener() {
            @Override
            public void opened(ResponseOpened opened, String pool, int connection) {
                told.add("opened " + opened.responseId() + " " + pool + " at " + opened.timeNanos() / S);
                connections.add("opened " + opened.responseId() + " on " + connection);
            }

            @Override
            public void finished(ResponseOpened opened, String pool, int connection, long finishedNanos) {
                told.add("finished " + opened.responseId() + " " + pool + " at " + finishedNanos / S);
                connections.add("finished " + opened.responseId() + " on " + connection);
            }

            @Override
            public void finishedEarlier(ResponseOpened opened, String pool, int connection, long wasNanos,
                    long finishedNanos) {
                told.add("earlier " + opened.responseId() + " " + wasNanos / S + " -> " + finishedNanos / S);
                connections.add("earlier " + opened.responseId() + " on " + connection);
            }

            @Override
            public void pooled(ResponseOpened opened, String pool) {
                told.add("pooled " + opened.responseId() + " " + pool);
            }
        });
    }

    private static ResponseOpened opened(long id, long at, String pool, long connection) {
        return new ResponseOpened(RUN, at * S, 1, "main", id, connection, "c", "GET", "http://h/x", 200, "HTTP/1.1",
                -1, STACK, pool);
    }

    private void accept(RecordedEvent... events) {
        for (RecordedEvent e : events) {
            pairing.accept(e);
        }
    }

    @Test
    void everyResponseIsToldOpenedAndFinishedOnceWhateverItsVerdict() {
        accept(opened(1, 10, "p", 7), new ResponseDrained(RUN, 11 * S, 1, 1, 10, "application"),
                new ResponseClosed(RUN, 12 * S, 1, 1, 10, true, "application"), // clean, folded
                opened(2, 20, "p", 7), new ResponseClosed(RUN, 21 * S, 1, 2, 0, false, "application"), // unread
                new ResponseClosed(RUN, 22 * S, 1, 2, 0, false, "application"), // closed twice
                opened(3, 30, "p", 7)); // never finished

        assertThat(told).containsExactly("opened 1 p at 10", "finished 1 p at 11", "opened 2 p at 20",
                "finished 2 p at 21", "opened 3 p at 30");
    }

    @Test
    void aFinishReadBeforeItsOpenIsToldWithTheOpenAndNeverBeforeIt() {
        accept(new ResponseClosed(RUN, 9 * S, 1, 4, 0, false, "application"), opened(4, 10, null, 0));

        assertThat(told).containsExactly("opened 4 null at 10", "finished 4 null at 10");
    }

    @Test
    void anEarlierDrainReadAfterTheCloseMovesTheFinish() {
        accept(opened(5, 10, null, 0), new ResponseClosed(RUN, 15 * S, 1, 5, 10, false, "application"),
                new ResponseDrained(RUN, 13 * S, 2, 5, 10, "application"),
                new ResponseDrained(RUN, 14 * S, 2, 5, 10, "application"));

        assertThat(told).containsExactly("opened 5 null at 10", "finished 5 null at 15", "earlier 5 15 -> 13");
    }

    @Test
    void aResponseFoldedCleanTellsThePoolItsReleaseNamed() {
        accept(opened(6, 10, null, 9), new ConnectionReleased(RUN, 10 * S, 9, "pool-a", "pooled", 6),
                new ResponseDrained(RUN, 11 * S, 1, 6, 10, "application"),
                new ResponseClosed(RUN, 12 * S, 1, 6, 10, true, "application"));

        assertThat(told).containsExactly("opened 6 null at 10", "finished 6 null at 11", "pooled 6 pool-a");
    }

    @Test
    void eachConnectionIsNumberedInOrderOfItsFirstOpenAndTheFinishNamesTheSameNumber() {
        accept(opened(1, 10, "p", 70), opened(2, 11, "p", 90), opened(3, 12, "p", 0), opened(4, 13, "p", 70),
                new ResponseClosed(RUN, 14 * S, 1, 2, 0, false, "application"),
                new ResponseDrained(RUN, 15 * S, 1, 4, 10, "application"),
                new ResponseDrained(RUN, 16 * S, 1, 3, 10, "application"),
                new ResponseDrained(RUN, 13 * S, 1, 2, 0, "application")); // earlier than its close

        // Connection 70 is the first seen (0), 90 the second (1); an open without a connection names none (-1).
        assertThat(connections).containsExactly("opened 1 on 0", "opened 2 on 1", "opened 3 on -1", "opened 4 on 0",
                "finished 2 on 1", "finished 4 on 0", "finished 3 on -1", "earlier 2 on 1");
    }
}
