package dev.leakline.jmc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Recordings made here, with jdk.jfr and the Leakline library under the shipped {@code leakline.jfc}: the rule names
 * the line of this class that opened the response left unfinished, and says OK when every response is finished. The
 * leak test lowers the minimum age to {@link #MIN_AGE} through the rule's preference, so it waits one second instead of
 * five; the finished responses are finished microseconds after their open, far below it.
 */
class FreshRecordingTest {
    private static final Duration MIN_AGE = Duration.ofSeconds(1);
    private static final IPreferenceValueProvider SHORT_MIN_AGE = new IPreferenceValueProvider() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T getPreferenceValue(TypedPreference<T> preference) {
            return preference == HttpResponseLeakRule.MIN_AGE ? (T) UnitLookup.MILLISECOND.quantity(MIN_AGE.toMillis())
                    : preference.getDefaultValue();
        }
    };

    @Test
    void warnsWithTheLineThatOpenedTheUnfinishedResponse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("leaky.jfr");
        Opened left;
        try (Recording recording = new Recording(leaklineSettings())) {
            recording.start();
            finish(open().response);
            finish(open().response);
            left = open();
            long openedAt = System.nanoTime();
            // Let the unfinished response grow older than the minimum age (bounded: the loop ends with the time).
            while (System.nanoTime() - openedAt < MIN_AGE.toNanos() + 200_000_000L) {
                Thread.sleep(50);
            }
            recording.stop();
            recording.dump(file);
        }

        IResult result = evaluate(file, SHORT_MIN_AGE);

        String site = FreshRecordingTest.class.getName() + ".open(FreshRecordingTest.java:" + left.line + ")";
        assertThat(result.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isEqualTo(1);
        assertThat(result.getResult(HttpResponseLeakRule.TOP_SITE)).isEqualTo(site);
        assertThat(result.getSummary()).startsWith("1 HTTP response leaked")
                .contains("1 at FreshRecordingTest.java:" + left.line);
        assertThat(result.getSolution()).contains("Start with " + site);
    }

    @Test
    void okWhenEveryResponseIsFinished(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clean.jfr");
        try (Recording recording = new Recording(leaklineSettings())) {
            recording.start();
            for (int i = 0; i < 3; i++) {
                finish(open().response);
            }
            recording.stop();
            recording.dump(file);
        }

        IResult result = evaluate(file, IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(result.getSeverity()).isEqualTo(Severity.OK);
        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isZero();
        assertThat(result.getSummary()).isEqualTo(
                "No HTTP response leaked: 3 of 3 responses recorded by Leakline were read to the end and closed.");
    }

    private static IResult evaluate(Path file, IPreferenceValueProvider preferences) throws Exception {
        IRule rule = new HttpResponseLeakRule();
        Future<IResult> future = RulesToolkit.evaluateParallel(List.of(rule),
                JfrLoaderToolkit.loadEvents(file.toFile()), preferences, 1).get(rule);
        return future.get(2, TimeUnit.MINUTES);
    }

    /** The response and the line of this class that opened it (both calls sit on that one line). */
    private record Opened(TrackedResponse response, int line) {
    }

    private static Opened open() {
        return new Opened(Leakline.responseOpened("test", 1, "GET", "http://127.0.0.1/a", 200, "HTTP/1.1", 3), line());
    }

    private static void finish(TrackedResponse response) {
        assertThat(response.isTracked()).isTrue();
        response.bodyRead(3);
        response.bodyDrained(Actor.APPLICATION);
        response.closed(Actor.APPLICATION);
    }

    /** The caller's line number. */
    private static int line() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    private static Configuration leaklineSettings() throws Exception {
        try (Reader reader = new InputStreamReader(
                Leakline.class.getResourceAsStream("/dev/leakline/jfr/leakline.jfc"), StandardCharsets.UTF_8)) {
            return Configuration.create(reader);
        }
    }
}
