package dev.leakline.jfr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.testing.Recorder;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emitter's failure path (log the first failure once, then stay quiet) and the release event. */
class EmitterTest {
    /** System.getLogger goes to java.util.logging when no other System.LoggerFinder is installed, as here. */
    private final Logger logger = Logger.getLogger("dev.leakline.jfr");
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() throws Exception {
        logger.addHandler(capture);
        failureLogged().set(false); // another test class of this JVM may have failed first
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    @Test
    void theFirstFailureIsLoggedOnceWithItsCauseAndLaterOnesAreNot() throws Exception {
        IllegalStateException first = new IllegalStateException("first");
        Emitter.failed(first);
        Emitter.failed(new IllegalStateException("second"));
        Emitter.failed(new NoClassDefFoundError("third"));

        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(logged.get(0).getMessage())
                .isEqualTo("Leakline could not record an event; further failures are not logged");
        assertThat(logged.get(0).getThrown()).isSameAs(first);
        assertThat(failureLogged().get()).isTrue();
    }

    @Test
    void aReleaseIsRecordedWithItsFieldsWhileARecordingWantsIt() throws Exception {
        List<RecordedEvent> events;
        try (Recorder recorder = Recorder.start()) {
            assertThat(Emitter.releasedEnabled()).isTrue();
            Leakline.connectionReleased(77, "pool-a", ReleaseOutcome.POOLED, 12);
            Leakline.connectionReleased(78, null, ReleaseOutcome.CLOSED, 0);
            events = Recorder.named(recorder.stop(), Recorder.RELEASED);
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getLong("connectionId")).isEqualTo(77);
        assertThat(events.get(0).getString("pool")).isEqualTo("pool-a");
        assertThat(events.get(0).getString("outcome")).isEqualTo("pooled");
        assertThat(events.get(0).getLong("responseId")).isEqualTo(12);
        assertThat(events.get(1).getLong("connectionId")).isEqualTo(78);
        assertThat(events.get(1).getString("pool")).isNull();
        assertThat(events.get(1).getString("outcome")).isEqualTo("closed");
        assertThat(events.get(1).getLong("responseId")).isZero();
        assertThat(logged).isEmpty();
    }

    @Test
    void nothingIsReleasedWhileNothingRecords() {
        assertThat(Emitter.releasedEnabled()).isFalse();
        assertThat(ReleaseOutcome.CLOSED.label()).isEqualTo("closed");
        assertThat(ReleaseOutcome.POOLED.label()).isEqualTo("pooled");
    }

    private static AtomicBoolean failureLogged() throws Exception {
        Field field = Emitter.class.getDeclaredField("FAILURE_LOGGED");
        field.setAccessible(true);
        return (AtomicBoolean) field.get(null);
    }
}
