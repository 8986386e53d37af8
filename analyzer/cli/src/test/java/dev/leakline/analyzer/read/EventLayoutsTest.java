package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.analyzer.TestRecordings;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordingFile;

/**
 * The reader's own reading of a chunk's metadata ({@link EventLayouts}) must agree with the JDK's reader on every event
 * type, and {@link UnneededEvents} must leave a chunk it cannot read exactly as it was.
 */
class EventLayoutsTest {
    /** The reader's own sinks decide what is needed, as they do when a chunk is read. */
    private static final ChunkSinks READER = new ChunkSinks(record -> { }, null);
    private static final Path ROOT = TestRecordings.bundledRoot();

    @Test
    void everyEventTypeIsWhereTheJdksReaderSaysOnJdk17AndJdk25() throws Exception {
        for (Described described : onJdk17AndJdk25(type -> false)) {
            String name = described.name();
            EventLayouts layouts = described.layouts();
            List<EventType> types = described.types();
            assertThat(types).as(name).hasSizeGreaterThan(100);
            int hidden = 0;
            for (EventType type : types) {
                EventLayouts.Layout layout = layouts.of(type.getId());
                assertThat(layout).as(type.getName()).isNotNull();
                assertThat(layout.name()).isEqualTo(type.getName());
                List<String> fields = type.getFields().stream().map(ValueDescriptor::getName).toList();
                assertThat(layout.threadAt()).as(type.getName()).isEqualTo(fields.indexOf("eventThread"));
                boolean needed = needed(type.getName());
                if (needed) {
                    assertThat(layout.hidden()).as(type.getName()).isFalse();
                }
                if (!needed && fields.indexOf("eventThread") < 0) {
                    assertThat(layout.hidden()).as(type.getName()).isTrue();
                }
                if (layout.threadAt() > 0) {
                    // JDK events put startTime first and, before the thread, at most a duration: both varints
                    assertThat(fields.get(0)).isEqualTo("startTime");
                    assertThat(layout.widths()).as(type.getName()).containsOnly(0);
                    assertThat(layout.readable()).as(type.getName()).isTrue();
                }
                hidden += layout.hidden() ? 1 : 0;
            }
            assertThat(hidden).as("types hidden in " + name).isGreaterThan(100);
        }
    }

    @Test
    void aChunkWithoutCompressedIntegersIsLeftAsItIs() throws Exception {
        byte[] chunk = firstChunk(ROOT.resolve("jdk17/apache-httpclient5/four-cases-small.jfr"));
        ByteBuffer.wrap(chunk).putInt(64, ByteBuffer.wrap(chunk).getInt(64) & ~1);
        byte[] before = chunk.clone();
        ThreadSightings sightings = UnneededEvents.hide(chunk, ChunkHeader.of(chunk), READER::needs);
        assertThat(sightings.hidden).isZero();
        assertThat(Arrays.equals(chunk, before)).isTrue();
    }

    @Test
    void aChunkWhoseMetadataCannotBeReadIsLeftAsItIs() throws Exception {
        byte[] chunk = firstChunk(ROOT.resolve("jdk17/apache-httpclient5/four-cases-small.jfr"));
        int metadata = (int) ByteBuffer.wrap(chunk).getLong(24);
        // The metadata event's type (after its size) becomes 5: not the metadata any more.
        ChunkBytes in = new ChunkBytes(chunk, metadata, chunk.length);
        in.varint();
        int typeAt = in.position();
        in.varlong();
        ChunkBytes.writePadded(chunk, typeAt, in.position() - typeAt, 5);
        byte[] before = chunk.clone();
        ThreadSightings sightings = UnneededEvents.hide(chunk, ChunkHeader.of(chunk), READER::needs);
        assertThat(sightings.hidden).isZero();
        assertThat(Arrays.equals(chunk, before)).isTrue();
        // and the header pointing outside the chunk (ChunkFraming refuses such a chunk first; hiding must not fail)
        ByteBuffer.wrap(chunk).putLong(24, chunk.length + 10L);
        assertThat(UnneededEvents.hide(chunk, ChunkHeader.of(chunk), READER::needs).hidden).isZero();
    }

    @Test
    void hidesEveryEventOfAnUnneededTypeAndNoOther() throws Exception {
        Path file = ROOT.resolve("jdk17/apache-httpclient5/four-cases-small.jfr");
        byte[] chunk = firstChunk(file);
        ThreadSightings sightings = UnneededEvents.hide(chunk, ChunkHeader.of(chunk), READER::needs);
        // The JDK's reader counts the events of types the analyzer does not need: in a JDK chunk every one of them can
        // be stepped over (its thread, if any, is readable), so every one is hidden.
        long expected;
        try (RecordingFile recording = new RecordingFile(file)) {
            expected = 0;
            while (recording.hasMoreEvents()) {
                jdk.jfr.consumer.RecordedEvent e = recording.readEvent();
                String name = e.getEventType().getName();
                if (!needed(name)) {
                    expected++;
                }
            }
        }
        assertThat(sightings.hidden).isEqualTo(expected);
    }

    /** What the analyzer reads fields of (docs/analyzer.md): the Leakline events and five JDK ones. */
    private static boolean needed(String type) {
        return type.startsWith("leakline.") || List.of("jdk.ThreadStart", "jdk.ThreadEnd", "jdk.DataLoss",
                "jdk.JVMInformation", "jdk.OSInformation").contains(type);
    }

    @Test
    void leaklineTypesAreDecodedFieldByFieldAsTheJdksReaderDescribesThemAndNoOtherType() throws Exception {
        for (Described described : onJdk17AndJdk25(READER::decodesItself)) {
            String name = described.name();
            EventLayouts layouts = described.layouts();
            List<EventType> types = described.types();
            int decoded = 0;
            for (EventType type : types) {
                EventLayouts.Layout layout = layouts.of(type.getId());
                if (!type.getName().startsWith("leakline.")) {
                    assertThat(layout.decoding()).as(type.getName()).isNull();
                    continue;
                }
                decoded++;
                assertThat(layout.decoding()).as(type.getName()).isNotNull();
                assertThat(layout.hidden()).as(type.getName()).isTrue();
                List<ValueDescriptor> fields = type.getFields();
                assertThat(layout.decoding().names()).as(type.getName())
                        .isEqualTo(fields.stream().map(ValueDescriptor::getName).toList());
                for (int i = 0; i < fields.size(); i++) {
                    assertThat(layout.decoding().kinds()[i]).as(type.getName() + "." + fields.get(i).getName())
                            .isEqualTo(kindOf(fields.get(i)));
                }
            }
            assertThat(decoded).as("Leakline types in " + name).isGreaterThanOrEqualTo(4);
        }
    }

    /** The encoding the JDK's reader describes for a field: constant-pool keys and longs are varints. */
    private static byte kindOf(ValueDescriptor field) {
        if (field.getTypeName().equals("java.lang.String")) {
            return EventLayouts.STRING_FIELD;
        }
        return switch (field.getTypeName()) {
            case "int" -> EventLayouts.INT_FIELD;
            case "short" -> EventLayouts.SHORT_FIELD;
            case "byte" -> EventLayouts.BYTE_FIELD;
            case "boolean" -> EventLayouts.BOOLEAN_FIELD;
            case "float" -> EventLayouts.FLOAT_FIELD;
            case "double" -> EventLayouts.DOUBLE_FIELD;
            default -> EventLayouts.VARINT_FIELD; // long, char, and the thread and stack trace by constant pool
        };
    }

    /** A bundled recording's first chunk as the analyzer reads its metadata, and as the JDK's reader describes it. */
    private record Described(String name, EventLayouts layouts, List<EventType> types) {
    }

    /** One recording from JDK 17 and one from JDK 25, read with {@code decodable} deciding what is decoded here. */
    private static List<Described> onJdk17AndJdk25(java.util.function.Predicate<String> decodable) throws Exception {
        List<Described> described = new java.util.ArrayList<>();
        for (String name : List.of("jdk17/apache-httpclient5/four-cases-small.jfr",
                "jdk25/java-net-http/client-per-request.jfr")) {
            Path file = ROOT.resolve(name);
            byte[] chunk = firstChunk(file);
            EventLayouts layouts = EventLayouts.read(chunk, (int) ByteBuffer.wrap(chunk).getLong(24), chunk.length,
                    EventLayoutsTest::needed, decodable);
            try (RecordingFile recording = new RecordingFile(file)) {
                described.add(new Described(name, layouts, recording.readEventTypes()));
            }
        }
        return described;
    }

    private static byte[] firstChunk(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        long size = ByteBuffer.wrap(bytes).getLong(8);
        assertThat(size).as("one chunk").isEqualTo(bytes.length);
        return bytes;
    }
}
