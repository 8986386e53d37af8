package dev.leakline.analyzer.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The event types one chunk declares, read from its metadata event (the one the header points to, as JMC reads it),
 * with what {@link UnneededEvents} must know to step over an event of each type without decoding it: where its
 * {@code startTime} and {@code eventThread} sit among its first fields.
 *
 * <p>The metadata is a string table and a tree of elements ({@code class}, {@code field}, {@code annotation}). Only
 * classes whose super type is {@code jdk.jfr.Event} are events, as JMC decides.
 */
final class EventLayouts {
    /** The metadata event's type id. */
    static final long METADATA_TYPE = 0;
    /** The metadata nests root, metadata, class, field, annotation: far below this. */
    private static final int MAX_DEPTH = 32;

    /**
     * How to find the thread of an event of one type without decoding it.
     *
     * @param name         the type's name, e.g. {@code jdk.ThreadPark}
     * @param threadAt     how many fields come before {@code eventThread}; -1 when the type has none
     * @param widths       the encoded width of each of those fields: 0 for a varint, else a byte count
     * @param readable     whether those fields can be stepped over and {@code startTime} is the first, in ticks (when
     *                     false and the type has a thread, only JMC can tell it)
     * @param hidden       whether events of this type are hidden from JMC: the analyzer does not need them, and their
     *                     thread, if any, can be read here; or it decodes them itself ({@code decoding})
     * @param decoding     how to decode every field of an event of this type, for a type the analyzer decodes from
     *                     the chunk's bytes itself ({@link DirectEvents}); null for JMC to decode
     */
    record Layout(String name, int threadAt, int[] widths, boolean readable, boolean hidden, Decoding decoding) {
        Layout(String name, int threadAt, int[] widths, boolean readable, boolean hidden) {
            this(name, threadAt, widths, readable, hidden, null);
        }
    }

    /** How each field of an event is encoded: one of the {@code *_FIELD} kinds, by position. */
    record Decoding(List<String> names, byte[] kinds) {
    }

    /** A compressed integer (long, int, short, char), a timestamp or span in ticks, or a constant-pool key. */
    static final byte VARINT_FIELD = 0;
    /** An int, as JMC gives it: the compressed value's low 32 bits, signed. */
    static final byte INT_FIELD = 1;
    /** A short, likewise its low 16 bits, signed. */
    static final byte SHORT_FIELD = 2;
    /** A byte. */
    static final byte BYTE_FIELD = 3;
    /** A boolean: one byte, not zero for true. */
    static final byte BOOLEAN_FIELD = 4;
    /** A float: four bytes. */
    static final byte FLOAT_FIELD = 5;
    /** A double: eight bytes. */
    static final byte DOUBLE_FIELD = 6;
    /** A string: an encoding byte, then the value (see {@link ChunkBytes#skipString}). */
    static final byte STRING_FIELD = 7;

    /** Type ids are small (JDK types from 2, user types from a few thousand): most are found by index, no boxing. */
    private static final int INDEXED = 1 << 16;

    private final Map<Long, Layout> events;
    private final Layout[] byIndex;

    private EventLayouts(Map<Long, Layout> events) {
        this.events = events;
        long largest = events.keySet().stream().mapToLong(Long::longValue).filter(id -> id >= 0 && id < INDEXED)
                .max().orElse(-1);
        byIndex = new Layout[(int) largest + 1];
        events.forEach((id, layout) -> {
            if (id >= 0 && id < byIndex.length) {
                byIndex[id.intValue()] = layout;
            }
        });
    }

    /** The layout of the event type with this id, null when the chunk declares no event type by that id. */
    Layout of(long typeId) {
        return typeId >= 0 && typeId < byIndex.length ? byIndex[(int) typeId] : events.get(typeId);
    }

    /**
     * Reads the metadata event at {@code offset} of the chunk in {@code bytes}; throws a runtime exception when it is
     * damaged or not what this reader knows (the caller then hides nothing and leaves the chunk to JMC). The types
     * {@code decodable} accepts are decoded by the analyzer itself when every field of theirs can be
     * ({@link Layout#decoding()}), and hidden from JMC.
     */
    static EventLayouts read(byte[] bytes, int offset, int chunkSize, Predicate<String> needed,
            Predicate<String> decodable) {
        ChunkBytes in = new ChunkBytes(bytes, offset, chunkSize);
        in.varint(); // size
        if (in.varlong() != METADATA_TYPE) {
            throw new IllegalArgumentException("no metadata where the header says");
        }
        in.varlong(); // start
        in.varlong(); // duration
        in.varlong(); // metadata id
        int count = in.varint();
        if (count < 0 || count > chunkSize) {
            throw new IllegalArgumentException("a metadata string table of " + count);
        }
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) {
            strings[i] = in.string();
        }
        Element root = element(in, strings, 0);
        return new EventLayouts(layouts(root, needed, decodable));
    }

    private record Element(String name, Map<String, String> attributes, List<Element> children) {
        List<Element> named(String child) {
            List<Element> found = new ArrayList<>();
            for (Element e : children) {
                if (child.equals(e.name)) {
                    found.add(e);
                }
            }
            return found;
        }
    }

    private static Element element(ChunkBytes in, String[] strings, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("metadata nested too deep");
        }
        String name = strings[in.varint()];
        int attributes = in.varint();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < attributes; i++) {
            values.put(strings[in.varint()], strings[in.varint()]);
        }
        int childCount = in.varint();
        List<Element> children = new ArrayList<>(Math.max(0, Math.min(childCount, 1024)));
        for (int i = 0; i < childCount; i++) {
            children.add(element(in, strings, depth + 1));
        }
        return new Element(name, values, children);
    }

    private static Map<Long, Layout> layouts(Element root, Predicate<String> needed, Predicate<String> decodable) {
        List<Element> classes = new ArrayList<>();
        for (Element metadata : root.named("metadata")) {
            classes.addAll(metadata.named("class"));
        }
        Map<Long, String> names = new HashMap<>();
        for (Element c : classes) {
            names.put(Long.parseLong(c.attributes.get("id")), c.attributes.get("name"));
        }
        Map<Long, Layout> events = new HashMap<>();
        for (Element c : classes) {
            if ("jdk.jfr.Event".equals(c.attributes.get("superType"))) {
                Layout layout = layout(c, names, needed);
                Decoding decoding = decodable.test(layout.name()) ? decoding(c, names) : null;
                if (decoding != null) {
                    layout = new Layout(layout.name(), layout.threadAt(), layout.widths(), layout.readable(), true,
                            decoding);
                }
                events.put(Long.parseLong(c.attributes.get("id")), layout);
            }
        }
        return events;
    }

    private static Layout layout(Element type, Map<Long, String> names, Predicate<String> needed) {
        String name = type.attributes.get("name");
        List<Element> fields = type.named("field");
        int threadAt = -1;
        for (int i = 0; i < fields.size(); i++) {
            if ("eventThread".equals(fields.get(i).attributes.get("name"))) {
                threadAt = i;
                break;
            }
        }
        if (threadAt < 0) {
            return new Layout(name, -1, new int[0], true, !needed.test(name));
        }
        int[] widths = new int[threadAt];
        boolean readable = isThread(fields.get(threadAt), names) && threadAt > 0
                && isTicksTimestamp(fields.get(0), names);
        for (int i = 0; i < threadAt && readable; i++) {
            widths[i] = width(fields.get(i), names);
            readable = widths[i] >= 0;
        }
        return new Layout(name, threadAt, widths, readable, readable && !needed.test(name));
    }

    /**
     * How to decode every field of the type, or null when one cannot be decoded here as JMC would (an array, a struct
     * written in place, an unsigned number, a timestamp not in ticks, a thread or stack trace not by constant pool) or
     * the type has more than {@link DirectEvents#MAX_FIELDS} fields.
     */
    private static Decoding decoding(Element type, Map<Long, String> names) {
        List<Element> fields = type.named("field");
        if (fields.size() > DirectEvents.MAX_FIELDS) {
            return null;
        }
        List<String> fieldNames = new ArrayList<>(fields.size());
        byte[] kinds = new byte[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Element field = fields.get(i);
            String name = field.attributes.get("name");
            String fieldType = typeOf(field, names);
            if (name == null || fieldType == null || isArray(field) || annotated(field, names, "jdk.jfr.Unsigned")
                    || (annotated(field, names, "jdk.jfr.Timestamp") && !isTicksTimestamp(field, names))
                    || ("eventThread".equals(name) && !isThread(field, names))) {
                return null;
            }
            fieldNames.add(name);
            if ("true".equals(field.attributes.get("constantPool"))) {
                kinds[i] = VARINT_FIELD; // a constant-pool key
                continue;
            }
            switch (fieldType) {
                case "long", "char" -> kinds[i] = VARINT_FIELD;
                case "int" -> kinds[i] = INT_FIELD;
                case "short" -> kinds[i] = SHORT_FIELD;
                case "byte" -> kinds[i] = BYTE_FIELD;
                case "boolean" -> kinds[i] = BOOLEAN_FIELD;
                case "float" -> kinds[i] = FLOAT_FIELD;
                case "double" -> kinds[i] = DOUBLE_FIELD;
                case "java.lang.String" -> kinds[i] = STRING_FIELD;
                default -> {
                    return null; // a struct in place
                }
            }
        }
        int start = fieldNames.indexOf("startTime");
        if (start >= 0 && !isTicksTimestamp(fields.get(start), names)) {
            return null;
        }
        int stack = fieldNames.indexOf("stackTrace");
        if (stack >= 0 && !("jdk.types.StackTrace".equals(typeOf(fields.get(stack), names))
                && "true".equals(fields.get(stack).attributes.get("constantPool")))) {
            return null;
        }
        return new Decoding(List.copyOf(fieldNames), kinds);
    }

    private static boolean annotated(Element field, Map<Long, String> names, String annotationType) {
        for (Element annotation : field.named("annotation")) {
            if (annotationType.equals(names.get(parseId(annotation.attributes.get("class"))))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isThread(Element field, Map<Long, String> names) {
        return "java.lang.Thread".equals(typeOf(field, names)) && "true".equals(field.attributes.get("constantPool"))
                && !isArray(field);
    }

    /** {@code startTime}, a {@code long} annotated {@code @Timestamp(TICKS)}, as JDK events have it. */
    private static boolean isTicksTimestamp(Element field, Map<Long, String> names) {
        if (!"startTime".equals(field.attributes.get("name")) || !"long".equals(typeOf(field, names))
                || isArray(field)) {
            return false;
        }
        for (Element annotation : field.named("annotation")) {
            String type = names.get(parseId(annotation.attributes.get("class")));
            if ("jdk.jfr.Timestamp".equals(type)) {
                return "TICKS".equals(annotation.attributes.get("value"));
            }
        }
        return false;
    }

    /** How a field before the thread is encoded: 0 for a varint, a byte count, or -1 when it cannot be stepped over. */
    private static int width(Element field, Map<Long, String> names) {
        if (isArray(field)) {
            return -1;
        }
        if ("true".equals(field.attributes.get("constantPool"))) {
            return 0; // a constant-pool key
        }
        String type = typeOf(field, names);
        if (type == null) {
            return -1;
        }
        return switch (type) {
            case "long", "int", "short", "char" -> 0;
            case "byte", "boolean" -> 1;
            case "float" -> 4;
            case "double" -> 8;
            default -> -1; // strings and structs: JMC must decode them
        };
    }

    private static boolean isArray(Element field) {
        String dimension = field.attributes.get("dimension");
        return dimension != null && !"0".equals(dimension);
    }

    private static String typeOf(Element field, Map<Long, String> names) {
        return names.get(parseId(field.attributes.get("class")));
    }

    private static long parseId(String id) {
        return id == null ? Long.MIN_VALUE : Long.parseLong(id);
    }
}
