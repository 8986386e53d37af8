package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordedEvent.RequestStarted;
import dev.leakline.engine.event.RecordedEvent.ResponseClosed;
import dev.leakline.engine.event.RecordedEvent.ResponseDrained;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/**
 * An asynchronous request's start ({@code leakline.RequestStarted}) gives its response the starting thread's stack
 * and thread, whatever order the events come in; a start without a response changes nothing.
 */
class RequestStartedPairingTest {
    private static final JvmRun RUN = new JvmRun(1_000, 11);
    private static final JvmRun OTHER_RUN = new JvmRun(2_000, 22);
    private static final long S = 1_000_000_000L;
    private static final List<Frame> CLIENT_STACK = List.of(new Frame("dev.leakline.jfr.internal.Emitter", "opened", 45),
            new Frame("jdk.internal.net.http.MultiExchange", "lambda$responseAsync0$4", 373));
    private static final List<Frame> APP_STACK = List.of(new Frame("dev.leakline.jfr.internal.Emitter", "started", 40),
            new Frame("com.acme.Shop", "buy", 42));

    private static RequestStarted started(JvmRun run, long id, long at) {
        return new RequestStarted(run, at, 1, "main", id, "java.net.http", "GET", "http://h/x", APP_STACK);
    }

    private static ResponseOpened opened(long id, long at) {
        return new ResponseOpened(RUN, at, 77, "HttpClient-1-Worker-0", id, 0, "java.net.http", "GET", "http://h/x",
                200, "HTTP/1.1", -1, CLIENT_STACK);
    }

    private static PairingResult pair(RecordedEvent... events) {
        Pairing pairing = new Pairing(Duration.ofSeconds(5));
        for (RecordedEvent e : events) {
            pairing.accept(e);
        }
        return pairing.finish(Map.of(RUN, 100 * S), List.of());
    }

    @Test
    void aLeakedAsyncResponseTakesTheStartsStackAndThread() {
        PairingResult result = pair(opened(1, 10 * S), started(RUN, 1, 9 * S));

        assertThat(result.responses()).hasSize(1);
        Response leaked = result.responses().get(0);
        assertThat(leaked.verdict()).isEqualTo(Verdict.LEAKED);
        assertThat(leaked.stack()).isEqualTo(APP_STACK);
        assertThat(leaked.threadName()).isEqualTo("main");
        assertThat(leaked.threadId()).isEqualTo(1);
        assertThat(leaked.openedNanos()).isEqualTo(10 * S);
        assertThat(result.orphans()).isEmpty();
    }

    @Test
    void aStartReadFirstWaitsForItsResponse() {
        PairingResult result = pair(started(RUN, 1, 9 * S), opened(1, 10 * S));

        assertThat(result.responses()).singleElement().extracting(Response::stack).isEqualTo(APP_STACK);
    }

    @Test
    void aCleanResponseFoldedBeforeItsStartWasReadMovesToTheStartsStack() {
        PairingResult result = pair(opened(1, 10 * S), new ResponseDrained(RUN, 10 * S + 5, 77, 1, 10, "application"),
                new ResponseClosed(RUN, 10 * S + 6, 77, 1, 10, true, "application"), started(RUN, 1, 9 * S));

        assertThat(result.responses()).isEmpty();
        assertThat(result.cleanGroups()).containsExactly(new CleanGroup("java.net.http", APP_STACK, 1, "main"));
    }

    @Test
    void aStartWithoutAResponseIsNeitherAResponseNorAnOrphan() {
        PairingResult result = pair(started(RUN, 1, 9 * S), started(OTHER_RUN, 2, 9 * S));

        assertThat(result.responses()).isEmpty();
        assertThat(result.orphans()).isEmpty();
        assertThat(result.cleanGroups()).isEmpty();
    }

    @Test
    void aStartOfAnotherRunIsNotTheResponsesStart() {
        PairingResult result = pair(started(OTHER_RUN, 1, 9 * S), opened(1, 10 * S));

        assertThat(result.responses()).singleElement().extracting(Response::stack).isEqualTo(CLIENT_STACK);
    }
}
