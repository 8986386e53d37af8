package dev.leakline.jmc.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.IRange;
import org.openjdk.jmc.common.unit.UnitLookup;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;

/**
 * Adapts a loaded recording, JMC's {@link IItemCollection}, to the engine's records: the JMC rule's only reader.
 *
 * <p>JMC has already parsed every chunk and merged their events, so chunks are rebuilt from the collection's chunk time
 * ranges, and each event is given to the chunk whose range holds its time. A chunk's JVM run comes from the
 * {@code jdk.JVMInformation} written in it (or the chunk before it), as in the command line's reader. Events are then
 * delivered chunk by chunk, in time order of the chunks, each chunk ended with its {@link ChunkFacts}: the contract of
 * {@link RecordingListener}.
 */
final class ItemsReader {
    /** The Leakline event types: a recording with none of them is not for this rule. */
    static final Set<String> LEAKLINE_TYPES = Set.of("leakline.RequestStarted", "leakline.ResponseOpened",
            "leakline.ResponseDrained",
            "leakline.ResponseClosed", "leakline.ConnectionReleased");
    /** What the chunk facts name as their source: JMC gives the rule a recording, not a file name. */
    static final String SOURCE = "recording";
    private static final int MAX_FRAMES = 64;

    private final IItemCollection items;
    private final long[] starts;
    private final long[] ends;
    private final JvmRun[] runs;
    private final String[][] jvmFacts;
    private final List<List<RecordedEvent>> events = new ArrayList<>();
    private final List<Map<Long, RecordedEvent.ThreadSeen>> threadsSeen = new ArrayList<>();
    private final Map<IMCStackTrace, List<Frame>> stacks = new IdentityHashMap<>();

    private ItemsReader(IItemCollection items) {
        this.items = items;
        long[][] ranges = chunkRanges(items);
        starts = ranges[0];
        ends = ranges[1];
        runs = new JvmRun[starts.length];
        jvmFacts = new String[starts.length][3];
        for (int i = 0; i < starts.length; i++) {
            events.add(new ArrayList<>());
            threadsSeen.add(new HashMap<>());
        }
    }

    /** Whether the recording holds any Leakline event. */
    static boolean hasLeaklineEvents(IItemCollection items) {
        return items.apply(ItemFilters.type(LEAKLINE_TYPES)).hasItems();
    }

    /** Hands the recording's events and chunks to the listener, chunk by chunk. */
    static void read(IItemCollection items, RecordingListener listener) {
        ItemsReader reader = new ItemsReader(items);
        reader.findRuns();
        reader.convert();
        reader.deliver(listener);
    }

    /**
     * The chunks' time ranges, sorted; one range over all events when the collection tells none (one built by hand,
     * not by JMC's loader).
     */
    @SuppressWarnings("deprecation") // the only way JMC 9 tells the chunks apart; no replacement exists yet
    private static long[][] chunkRanges(IItemCollection items) {
        Set<IRange<IQuantity>> ranges = items.getUnfilteredTimeRanges();
        List<long[]> sorted = new ArrayList<>();
        if (ranges != null) {
            for (IRange<IQuantity> range : ranges) {
                sorted.add(new long[] {epochNanos(range.getStart()), epochNanos(range.getEnd())});
            }
        }
        if (sorted.isEmpty()) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (IItemIterable iterable : items) {
                IMemberAccessor<IQuantity, IItem> time = org.openjdk.jmc.flightrecorder.JfrAttributes.START_TIME
                        .getAccessor(iterable.getType());
                if (time == null) {
                    continue;
                }
                for (IItem item : iterable) {
                    long t = epochNanos(time.getMember(item));
                    min = Math.min(min, t);
                    max = Math.max(max, t);
                }
            }
            sorted.add(min <= max ? new long[] {min, max} : new long[] {0, 0});
        }
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] s = new long[sorted.size()];
        long[] e = new long[sorted.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = sorted.get(i)[0];
            e[i] = sorted.get(i)[1];
        }
        return new long[][] {s, e};
    }

    /** The chunk whose range holds the time: the last one starting at or before it. */
    private int chunkOf(long timeNanos) {
        int i = Arrays.binarySearch(starts, timeNanos);
        if (i >= 0) {
            return i;
        }
        int before = -i - 2;
        return Math.max(before, 0);
    }

    private void findRuns() {
        for (IItemIterable iterable : items.apply(ItemFilters.type("jdk.JVMInformation", "jdk.OSInformation"))) {
            Fields f = new Fields(iterable.getType());
            boolean jvm = "jdk.JVMInformation".equals(iterable.getType().getIdentifier());
            for (IItem item : iterable) {
                int chunk = chunkOf(f.time(item));
                if (!jvm) {
                    jvmFacts[chunk][2] = f.text(item, "osVersion");
                    continue;
                }
                jvmFacts[chunk][0] = f.text(item, "jvmName");
                jvmFacts[chunk][1] = f.text(item, "jvmVersion");
                long start = f.timeIn(item, "jvmStartTime");
                if (start > 0 && runs[chunk] == null) {
                    runs[chunk] = new JvmRun(start / 1_000_000, f.number(item, "pid", -1));
                }
            }
        }
        // A chunk without the event belongs to the JVM that wrote the chunk before it; chunks before any run is known
        // get the first known run, or one made up from the first chunk's start when the recording names none.
        JvmRun first = Arrays.stream(runs).filter(java.util.Objects::nonNull).findFirst()
                .orElse(new JvmRun(starts[0] / 1_000_000, -1));
        JvmRun previous = first;
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] == null) {
                runs[i] = previous;
            }
            previous = runs[i];
        }
    }

    private void convert() {
        for (IItemIterable iterable : items) {
            IType<IItem> type = iterable.getType();
            Fields f = new Fields(type);
            String id = type.getIdentifier();
            boolean hasThread = f.has("eventThread");
            for (IItem item : iterable) {
                long time = f.time(item);
                int chunk = chunkOf(time);
                RecordedEvent event = convert(id, f, item, time, runs[chunk]);
                if (event != null) {
                    events.get(chunk).add(event);
                }
                if (hasThread) {
                    noteThread(chunk, f.thread(item, "eventThread"), time);
                }
            }
        }
    }

    private RecordedEvent convert(String type, Fields f, IItem v, long time, JvmRun run) {
        return switch (type) {
            case "leakline.ResponseOpened" -> {
                IMCThread thread = f.thread(v, "eventThread");
                yield new RecordedEvent.ResponseOpened(run, time, threadId(thread), threadName(thread),
                        f.number(v, "responseId", 0), f.number(v, "connectionId", 0), f.text(v, "client"),
                        f.text(v, "method"), f.text(v, "uri"), (int) f.number(v, "status", 0),
                        f.text(v, "protocol"), f.number(v, "contentLength", -1), frames(f.stack(v)),
                        f.text(v, "pool"));
            }
            case "leakline.RequestStarted" -> {
                // An asynchronous request's start: the engine takes its stack (the application's line) as the site.
                IMCThread thread = f.thread(v, "eventThread");
                yield new RecordedEvent.RequestStarted(run, time, threadId(thread), threadName(thread),
                        f.number(v, "responseId", 0), f.text(v, "client"), f.text(v, "method"), f.text(v, "uri"),
                        frames(f.stack(v)));
            }
            case "leakline.ResponseDrained" -> new RecordedEvent.ResponseDrained(run, time,
                    threadId(f.thread(v, "eventThread")), f.number(v, "responseId", 0), f.number(v, "bytesRead", 0),
                    f.text(v, "drainedBy"));
            case "leakline.ResponseClosed" -> new RecordedEvent.ResponseClosed(run, time,
                    threadId(f.thread(v, "eventThread")), f.number(v, "responseId", 0), f.number(v, "bytesRead", 0),
                    f.bool(v, "drained"), f.text(v, "closedBy"));
            case "leakline.ConnectionReleased" -> new RecordedEvent.ConnectionReleased(run, time,
                    f.number(v, "connectionId", 0), f.text(v, "pool"), f.text(v, "outcome"),
                    f.number(v, "responseId", 0));
            case "jdk.ThreadStart" -> {
                IMCThread thread = f.thread(v, "thread");
                IMCThread parent = f.thread(v, "parentThread");
                if (parent == null) {
                    parent = f.thread(v, "eventThread");
                }
                yield new RecordedEvent.ThreadStarted(run, time, threadId(thread), threadName(thread),
                        threadId(parent), threadName(parent), frames(f.stack(v)));
            }
            case "jdk.ThreadEnd" -> {
                IMCThread thread = f.thread(v, "thread");
                yield new RecordedEvent.ThreadEnded(run, time, threadId(thread), threadName(thread));
            }
            case "jdk.DataLoss" -> new RecordedEvent.DataLoss(run, time, f.number(v, "amount", 0));
            default -> null;
        };
    }

    /** Remembers the thread's last event in the chunk: threads started before the recording have no ThreadStart. */
    private void noteThread(int chunk, IMCThread thread, long time) {
        Long id = thread == null ? null : thread.getThreadId();
        if (id == null || isVirtual(thread)) {
            // Virtual threads have no jdk.ThreadStart/End by default: seen-only, they would all look alive forever.
            return;
        }
        threadsSeen.get(chunk).merge(id, new RecordedEvent.ThreadSeen(runs[chunk], time, id, thread.getThreadName()),
                (old, now) -> old.timeNanos() >= now.timeNanos() ? old : now);
    }

    private void deliver(RecordingListener listener) {
        for (int i = 0; i < starts.length; i++) {
            for (RecordedEvent event : events.get(i)) {
                listener.onEvent(event);
            }
            for (RecordedEvent.ThreadSeen seen : threadsSeen.get(i).values()) {
                listener.onEvent(seen);
            }
            String[] jvm = jvmFacts[i];
            JvmInfo info = jvm[0] == null && jvm[1] == null ? null : JvmInfo.of(jvm[0], jvm[1], jvm[2]);
            listener.onChunk(new ChunkFacts(SOURCE, i + 1, starts[i], ends[i], runs[i], ChunkFacts.Outcome.READ, null,
                    info));
        }
    }

    private static boolean isVirtual(IMCThread thread) {
        String name = thread.getThreadName();
        return name == null || name.isEmpty() || (thread.getThreadGroup() != null
                && "VirtualThreads".equals(thread.getThreadGroup().getName()));
    }

    private static long threadId(IMCThread thread) {
        Long id = thread == null ? null : thread.getThreadId();
        return id == null ? -1 : id;
    }

    private static String threadName(IMCThread thread) {
        return thread == null ? null : thread.getThreadName();
    }

    private static long epochNanos(IQuantity time) {
        return time == null ? 0 : time.clampedLongValueIn(UnitLookup.EPOCH_NS);
    }

    private List<Frame> frames(IMCStackTrace trace) {
        if (trace == null || trace.getFrames() == null) {
            return List.of();
        }
        return stacks.computeIfAbsent(trace, t -> {
            List<Frame> frames = new ArrayList<>();
            for (IMCFrame frame : t.getFrames()) {
                if (frames.size() == MAX_FRAMES) {
                    break;
                }
                IMCMethod method = frame.getMethod();
                String typeName = method == null || method.getType() == null ? null : method.getType().getFullName();
                String methodName = method == null ? null : method.getMethodName();
                Integer line = frame.getFrameLineNumber();
                frames.add(new Frame(typeName, methodName, line == null ? -1 : line));
            }
            return List.copyOf(frames);
        });
    }

    /**
     * The fields of one event type, found by name once per type. JMC turns a plain {@code long} field into a number
     * quantity or a boxed number depending on its annotations (and on the recording's age), and some into text, so
     * any number, or text holding one, is taken.
     */
    private static final class Fields {
        private final Map<String, IMemberAccessor<?, IItem>> accessors = new HashMap<>();

        Fields(IType<IItem> type) {
            for (IAccessorKey<?> key : type.getAccessorKeys().keySet()) {
                IMemberAccessor<?, IItem> accessor = type.getAccessor(key);
                if (accessor != null) {
                    accessors.put(key.getIdentifier(), accessor);
                }
            }
        }

        boolean has(String name) {
            return accessors.containsKey(name);
        }

        Object get(IItem item, String name) {
            IMemberAccessor<?, IItem> accessor = accessors.get(name);
            return accessor == null ? null : accessor.getMember(item);
        }

        long time(IItem item) {
            return timeIn(item, "startTime");
        }

        long timeIn(IItem item, String name) {
            Object value = get(item, name);
            if (value instanceof IQuantity q) {
                return q.clampedLongValueIn(UnitLookup.EPOCH_NS);
            }
            return value instanceof Number n ? n.longValue() : 0;
        }

        long number(IItem item, String name, long absent) {
            Object value = get(item, name);
            if (value instanceof IQuantity q) {
                return q.longValue();
            }
            if (value instanceof String text) {
                // JMC types jdk.JVMInformation's pid as text.
                try {
                    return Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    return absent;
                }
            }
            return value instanceof Number n ? n.longValue() : absent;
        }

        boolean bool(IItem item, String name) {
            return get(item, name) instanceof Boolean b && b;
        }

        String text(IItem item, String name) {
            Object value = get(item, name);
            return value == null ? null : value.toString();
        }

        IMCThread thread(IItem item, String name) {
            return get(item, name) instanceof IMCThread t ? t : null;
        }

        IMCStackTrace stack(IItem item) {
            return get(item, "stackTrace") instanceof IMCStackTrace s ? s : null;
        }
    }
}
