package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.IDisplayable;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;

/**
 * The Leakline events as JDK Mission Control shows them: a new recording, made with the shipped leakline.jfc,
 * read with JMC's own parser. Every Leakline attribute has a description, the lifetime is a timespan (so the
 * event browser and histograms show durations), and an unknown content length is not a negative size.
 */
class JmcEventMetadataTest {
    /** Attributes JFR or JMC add to every event: not Leakline's to describe. */
    private static final Set<String> STANDARD = Set.of("startTime", "duration", "endTime", "eventThread",
            "stackTrace", "(endTime)", "(eventType)", "(stackTrace.topFrame)", "(stackTrace.topMethod)",
            "(stackTrace.topClass)", "(stackTrace.topPackage)", "(stackTrace.truncated)");
    private static final Duration OPEN_FOR = Duration.ofMillis(60);

    @TempDir
    static Path dir;
    static IItemCollection items;
    static long elapsedUpperBound;

    @BeforeAll
    static void record() throws Exception {
        Path file = dir.resolve("jmc.jfr");
        Configuration leakline;
        try (Reader reader = new InputStreamReader(
                Leakline.class.getResourceAsStream("/dev/leakline/jfr/leakline.jfc"), StandardCharsets.UTF_8)) {
            leakline = Configuration.create(reader);
        }
        try (Recording recording = new Recording(leakline)) {
            recording.start();
            long before = System.nanoTime();
            long started = Leakline.requestStarted("test", "GET", "http://127.0.0.1/a");
            TrackedResponse response = Leakline.responseOpened(started, "test", "pool", 7, "GET",
                    "http://127.0.0.1/a", 200, "HTTP/1.1", -1);
            TestRecordings.pause(OPEN_FOR);
            response.bodyRead(10);
            response.bodyDrained(Actor.APPLICATION);
            response.closed(Actor.APPLICATION);
            elapsedUpperBound = System.nanoTime() - before;
            Leakline.connectionReleased(7, "pool", ReleaseOutcome.POOLED, response.id());
            recording.stop();
            recording.dump(file);
        }
        items = JfrLoaderToolkit.loadEvents(file.toFile());
    }

    @Test
    void everyLeaklineAttributeHasADescription() {
        Map<String, Set<String>> attributes = new LinkedHashMap<>();
        for (IItemIterable events : items) {
            IType<IItem> type = events.getType();
            if (!type.getIdentifier().startsWith("leakline.")) {
                continue;
            }
            assertThat(type.getDescription()).as(type.getIdentifier()).isNotBlank();
            Set<String> names = new TreeSet<>();
            for (IAttribute<?> attribute : type.getAttributes()) {
                if (STANDARD.contains(attribute.getIdentifier())) {
                    continue;
                }
                names.add(attribute.getIdentifier());
                assertThat(attribute.getDescription()).as(type.getIdentifier() + "." + attribute.getIdentifier())
                        .isNotBlank();
                assertThat(attribute.getName()).as(type.getIdentifier() + "." + attribute.getIdentifier())
                        .isNotBlank();
            }
            attributes.put(type.getIdentifier(), names);
        }
        // Exactly the fields the events declare: none was skipped as "standard" by mistake.
        assertThat(attributes).containsOnlyKeys("leakline.RequestStarted", "leakline.ResponseOpened",
                "leakline.ResponseDrained", "leakline.ResponseClosed", "leakline.ConnectionReleased");
        assertThat(attributes.get("leakline.RequestStarted")).containsExactly("client", "method", "responseId", "uri");
        assertThat(attributes.get("leakline.ResponseOpened")).containsExactly("client", "connectionId",
                "contentLength", "method", "pool", "protocol", "responseId", "status", "uri");
        assertThat(attributes.get("leakline.ResponseDrained")).containsExactly("bytesRead", "drainedBy", "openFor",
                "responseId");
        assertThat(attributes.get("leakline.ResponseClosed")).containsExactly("bytesRead", "closedBy", "drained",
                "openFor", "responseId");
        assertThat(attributes.get("leakline.ConnectionReleased")).containsExactly("connectionId", "outcome", "pool",
                "responseId");
    }

    @Test
    void theLifetimeIsATimespanAsLongAsTheResponseWasOpen() {
        for (String event : List.of("leakline.ResponseDrained", "leakline.ResponseClosed")) {
            IQuantity openFor = (IQuantity) single(event, "openFor");
            assertThat(openFor.getUnit().getContentType()).as(event).isEqualTo(UnitLookup.TIMESPAN);
            assertThat(openFor.clampedLongValueIn(UnitLookup.NANOSECOND)).as(event)
                    .isGreaterThanOrEqualTo(OPEN_FOR.toNanos())
                    .isLessThanOrEqualTo(elapsedUpperBound);
            // What JMC's tables print: a duration, not a bare number (JMC puts a no-break space before the unit).
            assertThat(openFor.displayUsing(IDisplayable.AUTO).replace('\u00a0', ' ')).as(event)
                    .matches("[0-9.]+ ms");
        }
    }

    @Test
    void anUnknownContentLengthIsNotANegativeSize() {
        // A plain number, as JMC shows a long with no unit: "-1", never "-1 B".
        assertThat(contentType("leakline.ResponseOpened", "contentLength")).isEqualTo(UnitLookup.RAW_NUMBER);
        assertThat(single("leakline.ResponseOpened", "contentLength")).isEqualTo(-1L);
        // Bytes read stay memory amounts.
        assertThat(contentType("leakline.ResponseClosed", "bytesRead")).isEqualTo(UnitLookup.MEMORY);
        IQuantity read = (IQuantity) single("leakline.ResponseClosed", "bytesRead");
        assertThat(read.clampedLongValueIn(UnitLookup.BYTE)).isEqualTo(10);
    }

    @Test
    void theStartAndTheOpenShareTheResponseId() {
        Object started = single("leakline.RequestStarted", "responseId");
        assertThat(started).isInstanceOf(Long.class).isEqualTo(single("leakline.ResponseOpened", "responseId"));
        assertThat((Long) started).isPositive();
        assertThat(single("leakline.ResponseClosed", "responseId")).isEqualTo(started);
    }

    private static Object contentType(String event, String attribute) {
        for (IItemIterable events : items) {
            IType<IItem> type = events.getType();
            if (type.getIdentifier().equals(event)) {
                return type.getAttributes().stream().filter(a -> a.getIdentifier().equals(attribute))
                        .findFirst().orElseThrow().getContentType();
            }
        }
        throw new AssertionError("no " + event);
    }

    /** The value of {@code attribute} in the recording's one {@code event}. */
    private static Object single(String event, String attribute) {
        Object value = null;
        int count = 0;
        for (IItemIterable events : items) {
            IType<IItem> type = events.getType();
            if (!type.getIdentifier().equals(event)) {
                continue;
            }
            IAttribute<?> found = type.getAttributes().stream()
                    .filter(a -> a.getIdentifier().equals(attribute)).findFirst().orElseThrow();
            for (IItem item : events) {
                value = found.getAccessor(type).getMember(item);
                count++;
            }
        }
        assertThat(count).as(event).isEqualTo(1);
        return value;
    }
}
