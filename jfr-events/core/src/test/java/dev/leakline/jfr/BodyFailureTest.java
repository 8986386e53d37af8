package dev.leakline.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leakline.jfr.testing.Recorder;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** A body that fails while being read: the failure is the application's, the close is still ours to record. */
class BodyFailureTest {

    /** Gives {@code good} bytes, then throws {@link #FAILURE} on every read; counts its own close. */
    private static final class FailingBody extends InputStream {
        static final IOException FAILURE = new IOException("connection reset (simulated)");
        private int good;
        boolean closed;

        FailingBody(int good) {
            this.good = good;
        }

        @Override
        public int read() throws IOException {
            if (good == 0) {
                throw FAILURE;
            }
            good--;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (good == 0) {
                throw FAILURE;
            }
            int n = Math.min(len, good);
            good -= n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void readFailureReachesTheCallerUnchangedAndCloseStillRecords() throws Exception {
        FailingBody delegate = new FailingBody(100);
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            TrackedResponse response = Leakline.responseOpened("test", 0, "GET", "http://h/p", 200, "HTTP/1.1", 1000);
            InputStream body = Leakline.trackBody(delegate, response);
            assertThat(body.read(new byte[64])).isEqualTo(64);
            assertThat(body.read(new byte[64])).isEqualTo(36);
            Throwable thrown = catchThrowable(() -> body.read(new byte[64]));
            assertThat(thrown).isSameAs(FailingBody.FAILURE);
            assertThat(catchThrowable(body::read)).isSameAs(FailingBody.FAILURE);
            body.close();
            assertThat(delegate.closed).isTrue();
            responses = recorder.byResponse();
        }
        assertThat(responses).hasSize(1);
        List<RecordedEvent> events = responses.values().iterator().next();
        assertThat(Recorder.kinds(events)).containsExactly("opened", "closed");
        assertThat(events.get(1).getLong("bytesRead")).isEqualTo(100);
        assertThat(events.get(1).getBoolean("drained")).isFalse();
        assertThat(events.get(1).getString("closedBy")).isEqualTo("application");
    }

    @Test
    void closeFailureReachesTheCallerAndTheCloseIsRecorded() throws Exception {
        IOException failure = new IOException("close failed (simulated)");
        InputStream delegate = new InputStream() {
            @Override
            public int read() {
                return -1;
            }

            @Override
            public void close() throws IOException {
                throw failure;
            }
        };
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            TrackedResponse response = Leakline.responseOpened("test", 0, "GET", "http://h/p", 200, "HTTP/1.1", 0);
            InputStream body = Leakline.trackBody(delegate, response);
            assertThat(catchThrowable(body::close)).isSameAs(failure);
            responses = recorder.byResponse();
        }
        assertThat(Recorder.kinds(responses.values().iterator().next())).containsExactly("opened", "closed");
    }
}
