package dev.leakline.analyzer.read;

import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.JvmInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.IEventSinkFactory;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * The parser extension for one chunk: converts the events we need into our records, hands them on, and drops all
 * events (ours and the JDK's) so JMC keeps nothing.
 *
 * <p>Every record carries its {@link JvmRun}, known from the chunk's {@code jdk.JVMInformation}. That event is
 * written when the chunk begins, so it is normally among the first; events before it are held back (as functions of
 * the run) and everything after it streams straight to the consumer. Memory therefore does not grow with the chunk.
 * If no run is known after {@link #HOLD_LIMIT} events, the previous chunk's run is assumed (a chunk without the event
 * belongs to the JVM that wrote the chunk before it).
 *
 * <p>JMC may call sinks from its worker threads; all handling is synchronized, so the consumer sees one thread at a
 * time.
 */
final class ChunkSinks implements IParserExtension {
    private static final int MAX_FRAMES = 64;
    static final int HOLD_LIMIT = 10_000;

    private final Consumer<RecordedEvent> consumer;
    private final JvmRun previousRun;
    private final java.util.function.UnaryOperator<JvmRun> identify;
    private final SharedStacks sharedStacks;
    private final List<Function<JvmRun, RecordedEvent>> held = new ArrayList<>();
    private final Map<Long, Object[]> threadsSeen = new java.util.TreeMap<>(); // by thread id: the same order every run
    private final Map<IMCThread, long[]> seenByThread = new java.util.IdentityHashMap<>();
    private IMCThread lastThread;
    private long[] lastSeen;
    /*
     * By identity: JMC resolves a stack trace constant once per chunk and hands every event the same object, and its
     * equals/hashCode walk every frame (parsing each frame's type), which cost a sixth of the analyzer's time. An
     * equal trace in another object only costs one more list here; Pairing canonicalizes stacks anyway.
     */
    private final Map<IMCStackTrace, List<Frame>> stacks = new java.util.IdentityHashMap<>();
    /** The trace of the previous call of {@link #frames} and its frames: a burst of one call site skips the map. */
    private IMCStackTrace lastTrace;
    private List<Frame> lastFrames;
    private JvmRun run;
    private boolean runAssumed;
    private boolean named;
    private long delivered;
    private String conversionFailure;
    private RuntimeException consumerFailure;
    private String warning;
    private boolean abandoned;
    private String jvmName;
    private String jvmVersion;
    private String osVersion;
    private String javaArguments;

    /**
     * @param consumer    receives the records
     * @param previousRun the run of the chunk before this one, null when none
     */
    ChunkSinks(Consumer<RecordedEvent> consumer, JvmRun previousRun) {
        this(consumer, previousRun, java.util.function.UnaryOperator.identity());
    }

    /**
     * @param consumer    receives the records
     * @param assumedRun  the run to count the chunk to if it does not name its JVM, null when unknown
     * @param identify    maps the run the chunk turns out to have to the one its events are counted to (one object
     *                    per JVM across chunks and files, see {@link RunIdentities})
     */
    ChunkSinks(Consumer<RecordedEvent> consumer, JvmRun assumedRun, java.util.function.UnaryOperator<JvmRun> identify) {
        this(consumer, assumedRun, identify, new SharedStacks());
    }

    /**
     * @param consumer    receives the records
     * @param assumedRun  as above
     * @param identify    as above
     * @param shared      the stacks of the chunks read before, which this chunk's records share
     */
    ChunkSinks(Consumer<RecordedEvent> consumer, JvmRun assumedRun, java.util.function.UnaryOperator<JvmRun> identify,
            SharedStacks shared) {
        this.consumer = consumer;
        this.previousRun = assumedRun;
        this.identify = identify;
        this.sharedStacks = shared;
    }

    /**
     * Whether the analyzer needs this event type's fields: the types {@link #converter} converts (the switch there is
     * the one list). For any other type only the thread that wrote the event matters, which {@link UnneededEvents}
     * reads without JMC decoding the event.
     */
    boolean needs(String type) {
        return converter(type, NO_FIELDS) != null;
    }

    private static final Fields NO_FIELDS = new Fields(List.of());

    /** What the events hidden from JMC said about threads; noted in {@link #finish} by the chunk's thread pool. */
    private ThreadSightings hidden = ThreadSightings.NONE;
    /** The chunk's resolved {@code java.lang.Thread} constants, by key, once JMC has resolved the pools. */
    private org.openjdk.jmc.common.collection.FastAccessNumberMap<Object> threadPool;

    /** Called with what {@link UnneededEvents} hid from JMC in this chunk, before JMC parses it. */
    synchronized void hidden(ThreadSightings sightings) {
        hidden = sightings;
    }

    /** How many events of the chunk were hidden from JMC. */
    synchronized int hiddenCount() {
        return hidden.hidden;
    }

    @Override
    public org.openjdk.jmc.flightrecorder.parser.IConstantPoolExtension createConstantPoolExtension() {
        return new org.openjdk.jmc.flightrecorder.parser.IConstantPoolExtension() {
            @Override
            public void allConstantPoolsResolved(
                    Map<String, org.openjdk.jmc.common.collection.FastAccessNumberMap<Object>> pools) {
                synchronized (ChunkSinks.this) {
                    threadPool = pools.get("java.lang.Thread");
                }
            }
        };
    }

    @Override
    public IEventSinkFactory getEventSinkFactory(IEventSinkFactory subFactory) {
        return new IEventSinkFactory() {
            @Override
            public IEventSink create(String identifier, String label, String[] category, String description,
                    List<ValueField> dataStructure) {
                return sinkFor(identifier, new Fields(dataStructure));
            }

            @Override
            public void flush() {
                // nothing buffered here; held events are released by finish()
            }
        };
    }

    /**
     * Ends the chunk: releases held events and one {@link RecordedEvent.ThreadSeen} per thread, and returns the
     * chunk's run ({@code fallback} when neither the chunk nor the previous one told).
     */
    synchronized JvmRun finish(JvmRun fallback) {
        if (run == null) {
            adopt(previousRun != null ? previousRun : fallback);
        }
        if (threadPool != null) {
            hidden.forEach((key, nanos) -> {
                if (threadPool.get(key) instanceof IMCThread thread) {
                    noteThread(thread, nanos);
                }
            });
        }
        threadPool = null;
        collectThreadsSeen();
        for (Map.Entry<Long, Object[]> seen : threadsSeen.entrySet()) {
            deliver(new RecordedEvent.ThreadSeen(run, (Long) seen.getValue()[0], seen.getKey(),
                    (String) seen.getValue()[1]));
        }
        threadsSeen.clear();
        return run;
    }

    /**
     * Stops this chunk's events from reaching the consumer: its parse was given up, and the parser's threads may
     * still call in while later chunks are read.
     */
    synchronized void abandon() {
        abandoned = true;
    }

    /** How many records went to the consumer. */
    synchronized long delivered() {
        return delivered;
    }

    synchronized String conversionFailure() {
        return conversionFailure;
    }

    /** Which JVM wrote the chunk, null when it holds no {@code jdk.JVMInformation}. */
    synchronized JvmInfo jvmInfo() {
        return jvmName == null && jvmVersion == null ? null : JvmInfo.of(jvmName, jvmVersion, osVersion,
                javaArguments);
    }

    /** Something odd but harmless about this chunk, or null. */
    synchronized String warning() {
        return warning;
    }

    /** One instance per distinct short string of this chunk (see {@link Interner}); all sinks run under the lock. */
    private final Map<String, String> interned = new HashMap<>();

    private void adopt(JvmRun known) {
        run = identify.apply(known);
        for (Function<JvmRun, RecordedEvent> event : held) {
            deliver(event.apply(run));
        }
        held.clear();
    }

    private void deliver(RecordedEvent event) {
        delivered++;
        try {
            consumer.accept(event);
        } catch (RuntimeException e) {
            // A bug downstream, not damage in the file: kept apart so it is reported as an internal error.
            if (consumerFailure == null) {
                consumerFailure = e;
            }
        }
    }

    /** The first exception the consumer threw, or null. */
    synchronized RuntimeException consumerFailure() {
        return consumerFailure;
    }

    /** Takes a converted event: delivered now when the run is known, else held. */
    private void add(Function<JvmRun, RecordedEvent> event) {
        if (run != null) {
            deliver(event.apply(run));
            return;
        }
        held.add(event);
        if (held.size() >= HOLD_LIMIT && previousRun != null) {
            runAssumed = true;
            adopt(previousRun);
        }
    }

    /** Whether the chunk named its JVM ({@code jdk.JVMInformation}). */
    synchronized boolean named() {
        return named;
    }

    private void jvmInformation(JvmRun told) {
        named = true;
        if (run == null) {
            adopt(told);
        } else if (runAssumed && !run.equals(identify.apply(told))) {
            warning = "its JVM identity came late; " + HOLD_LIMIT + "+ events before it were counted to the previous"
                    + " chunk's JVM run";
        }
    }

    private IEventSink sinkFor(String type, Fields f) {
        int startTime = f.slot("startTime");
        int eventThread = f.slot("eventThread");
        IEventSink convert = converter(type, f);
        if (convert == null && eventThread < 0) {
            return values -> {
                // an event we neither convert nor learn a thread from: JMC still hands it over
            };
        }
        return values -> {
            synchronized (this) {
                if (abandoned) {
                    return;
                }
                handle(type, convert, eventThread, startTime, values);
            }
        };
    }

    /** What turns an event of this type into our record, null for a type the analyzer does not convert. */
    private IEventSink converter(String type, Fields f) {
        /*
         * Field positions are resolved here, once per event type and chunk, into the lambdas: a lookup by name per
         * field per event cost a tenth of the analyzer's time (issue 15's profile). -1 when the type lacks the field.
         */
        int startTime = f.slot("startTime");
        int eventThread = f.slot("eventThread");
        int stackTrace = f.slot("stackTrace");
        return switch (type) {
            case "leakline.ResponseOpened" -> {
                int responseId = f.slot("responseId");
                int connectionId = f.slot("connectionId");
                int clientField = f.slot("client");
                int methodField = f.slot("method");
                int uriField = f.slot("uri");
                int statusField = f.slot("status");
                int protocolField = f.slot("protocol");
                int contentLength = f.slot("contentLength");
                int poolField = f.slot("pool");
                Interner threadNames = new Interner();
                Interner clients = new Interner();
                Interner methods = new Interner();
                Interner protocols = new Interner();
                Interner pools = new Interner();
                yield v -> {
                    IMCThread thread = Fields.thread(v, eventThread);
                    long time = Fields.time(v, startTime);
                    long tid = threadId(thread);
                    String tname = threadNames.intern(threadName(thread));
                    long id = Fields.number(v, responseId, 0);
                    long connection = Fields.number(v, connectionId, 0);
                    // A response still open at the end is kept until then: one copy of each repeated string, not one
                    // per response (a million leaked responses held 3.5 strings each, 220 of their 400 bytes).
                    String client = clients.intern(Fields.text(v, clientField));
                    String method = methods.intern(Fields.text(v, methodField));
                    String uri = Fields.text(v, uriField);
                    int status = (int) Fields.number(v, statusField, 0);
                    String protocol = protocols.intern(Fields.text(v, protocolField));
                    long length = Fields.number(v, contentLength, -1);
                    List<Frame> stack = frames(Fields.stack(v, stackTrace));
                    // null in recordings made before the field existed
                    String pool = pools.intern(Fields.text(v, poolField));
                    if (run != null) { // the usual case: no closure per event
                        deliver(new RecordedEvent.ResponseOpened(run, time, tid, tname, id, connection, client,
                                method, uri, status, protocol, length, stack, pool));
                    } else {
                        add(r -> new RecordedEvent.ResponseOpened(r, time, tid, tname, id, connection, client,
                                method, uri, status, protocol, length, stack, pool));
                    }
                };
            }
            case "leakline.RequestStarted" -> {
                int responseId = f.slot("responseId");
                int clientField = f.slot("client");
                int methodField = f.slot("method");
                int uriField = f.slot("uri");
                yield v -> {
                    IMCThread thread = Fields.thread(v, eventThread);
                    long time = Fields.time(v, startTime);
                    long tid = threadId(thread);
                    String tname = threadName(thread);
                    long id = Fields.number(v, responseId, 0);
                    String client = Fields.text(v, clientField);
                    String method = Fields.text(v, methodField);
                    String uri = Fields.text(v, uriField);
                    List<Frame> stack = frames(Fields.stack(v, stackTrace));
                    add(run -> new RecordedEvent.RequestStarted(run, time, tid, tname, id, client, method, uri,
                            stack));
                };
            }
            case "leakline.ResponseDrained" -> {
                int responseId = f.slot("responseId");
                int bytesRead = f.slot("bytesRead");
                int drainedBy = f.slot("drainedBy");
                Interner actors = new Interner();
                yield v -> {
                    long time = Fields.time(v, startTime);
                    long tid = threadId(Fields.thread(v, eventThread));
                    long id = Fields.number(v, responseId, 0);
                    long bytes = Fields.number(v, bytesRead, 0);
                    String by = actors.intern(Fields.text(v, drainedBy));
                    if (run != null) {
                        deliver(new RecordedEvent.ResponseDrained(run, time, tid, id, bytes, by));
                    } else {
                        add(r -> new RecordedEvent.ResponseDrained(r, time, tid, id, bytes, by));
                    }
                };
            }
            case "leakline.ResponseClosed" -> {
                int responseId = f.slot("responseId");
                int bytesRead = f.slot("bytesRead");
                int drainedField = f.slot("drained");
                int closedBy = f.slot("closedBy");
                Interner actors = new Interner();
                yield v -> {
                    long time = Fields.time(v, startTime);
                    long tid = threadId(Fields.thread(v, eventThread));
                    long id = Fields.number(v, responseId, 0);
                    long bytes = Fields.number(v, bytesRead, 0);
                    boolean drained = Fields.bool(v, drainedField);
                    String by = actors.intern(Fields.text(v, closedBy));
                    if (run != null) {
                        deliver(new RecordedEvent.ResponseClosed(run, time, tid, id, bytes, drained, by));
                    } else {
                        add(r -> new RecordedEvent.ResponseClosed(r, time, tid, id, bytes, drained, by));
                    }
                };
            }
            case "leakline.ConnectionReleased" -> {
                int connectionId = f.slot("connectionId");
                int poolField = f.slot("pool");
                int outcomeField = f.slot("outcome");
                int responseId = f.slot("responseId");
                Interner pools = new Interner();
                Interner outcomes = new Interner();
                yield v -> {
                    long time = Fields.time(v, startTime);
                    long connection = Fields.number(v, connectionId, 0);
                    String pool = pools.intern(Fields.text(v, poolField));
                    String outcome = outcomes.intern(Fields.text(v, outcomeField));
                    long id = Fields.number(v, responseId, 0);
                    if (run != null) {
                        deliver(new RecordedEvent.ConnectionReleased(run, time, connection, pool, outcome, id));
                    } else {
                        add(r -> new RecordedEvent.ConnectionReleased(r, time, connection, pool, outcome, id));
                    }
                };
            }
            case "jdk.ThreadStart" -> {
                int threadField = f.slot("thread");
                int parentField = f.slot("parentThread");
                yield v -> {
                    IMCThread thread = Fields.thread(v, threadField);
                    IMCThread parent = Fields.thread(v, parentField);
                    if (parent == null) {
                        parent = Fields.thread(v, eventThread);
                    }
                    long time = Fields.time(v, startTime);
                    long tid = threadId(thread);
                    String tname = threadName(thread);
                    long pid = threadId(parent);
                    String pname = threadName(parent);
                    List<Frame> stack = frames(Fields.stack(v, stackTrace));
                    add(run -> new RecordedEvent.ThreadStarted(run, time, tid, tname, pid, pname, stack));
                };
            }
            case "jdk.ThreadEnd" -> {
                int threadField = f.slot("thread");
                yield v -> {
                    IMCThread thread = Fields.thread(v, threadField);
                    if (thread == null || thread.getThreadId() == null) {
                        // The ending thread writes its own jdk.ThreadEnd: when the field does not resolve, the
                        // event's thread is the same thread. (JDK 17's ends during a chunk rotation leave both
                        // unresolved: the engine still counts them, see ThreadTracker; dropping an end reports its
                        // thread alive.)
                        IMCThread writer = Fields.thread(v, eventThread);
                        thread = writer != null && writer.getThreadId() != null ? writer : thread;
                    }
                    long time = Fields.time(v, startTime);
                    long tid = threadId(thread);
                    String tname = threadName(thread);
                    add(run -> new RecordedEvent.ThreadEnded(run, time, tid, tname));
                };
            }
            case "jdk.DataLoss" -> {
                int amountField = f.slot("amount");
                yield v -> {
                    long time = Fields.time(v, startTime);
                    long amount = Fields.number(v, amountField, 0);
                    add(run -> new RecordedEvent.DataLoss(run, time, amount));
                };
            }
            case "jdk.JVMInformation" -> {
                int jvmStartTime = f.slot("jvmStartTime");
                int pidField = f.slot("pid");
                int jvmNameField = f.slot("jvmName");
                int jvmVersionField = f.slot("jvmVersion");
                int javaArgumentsField = f.slot("javaArguments");
                yield v -> {
                    long start = Fields.time(v, jvmStartTime);
                    long pid = Fields.number(v, pidField, -1);
                    jvmName = Fields.text(v, jvmNameField);
                    jvmVersion = Fields.text(v, jvmVersionField);
                    javaArguments = Fields.text(v, javaArgumentsField); // only its first word, the main class, is kept
                    if (start > 0) {
                        jvmInformation(new JvmRun(start / 1_000_000, pid));
                    }
                };
            }
            case "jdk.OSInformation" -> {
                int osVersionField = f.slot("osVersion");
                yield v -> osVersion = Fields.text(v, osVersionField);
            }
            default -> null;
        };
    }

    private void handle(String type, IEventSink convert, int eventThread, int startTime, Object[] values) {
        try {
            if (convert != null) {
                convert.addEvent(values);
            }
            if (eventThread >= 0) {
                noteThread(Fields.thread(values, eventThread), Fields.time(values, startTime));
            }
        } catch (RuntimeException e) {
            // Never let one odd value abort JMC's parse; the chunk is then reported as damaged.
            if (conversionFailure == null) {
                conversionFailure = type + ": " + e;
            }
        }
    }

    /**
     * Notes the latest time each thread was seen. Called for every event of the chunk, the ones we do not need
     * included (most of them in a recording full of JDK events), so it is a field compare for the thread of the
     * previous event and an identity lookup otherwise: the parser resolves a thread to one object per chunk. The
     * per-thread work (id, name, virtual or not) is done once, in {@link #finish}.
     */
    private void noteThread(IMCThread thread, long time) {
        if (thread == null) {
            return;
        }
        long[] cell = thread == lastThread ? lastSeen : seenByThread.get(thread);
        if (cell == null) {
            cell = new long[] {time};
            seenByThread.put(thread, cell);
        } else if (time > cell[0]) {
            cell[0] = time;
        }
        lastThread = thread;
        lastSeen = cell;
    }

    private void collectThreadsSeen() {
        for (Map.Entry<IMCThread, long[]> e : seenByThread.entrySet()) {
            IMCThread thread = e.getKey();
            Long id = thread.getThreadId();
            if (id == null || isVirtual(thread)) {
                // Virtual threads have no jdk.ThreadStart/End by default: seen-only, they would all look alive forever.
                continue;
            }
            threadsSeen.merge(id, new Object[] {e.getValue()[0], thread.getThreadName()},
                    (old, now) -> (Long) old[0] >= (Long) now[0] ? old : now);
        }
        seenByThread.clear();
        lastThread = null;
        lastSeen = null;
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

    /** One instance per distinct short string of this chunk; a cache, bounded whatever the recording holds. */
    private String intern(String value) {
        if (value == null || value.length() > 256) {
            return value;
        }
        String known = interned.putIfAbsent(value, value);
        if (known != null) {
            return known;
        }
        if (interned.size() > 4096) {
            interned.clear();
        }
        return value;
    }

    /**
     * {@link #intern} for one field of one event type, which repeats the same few values event after event: the
     * value of the previous event is compared first (the same object when JMC resolved it from a constant pool, else
     * an equal string, compared without hashing). Hashing each new string for the shared map cost a tenth of the
     * analyzer's time (issue 15's profile).
     */
    private final class Interner {
        private String lastSeen;
        private String lastShared;

        String intern(String value) {
            if (value == lastSeen) {
                return lastShared;
            }
            if (value == null) {
                return null;
            }
            String shared = lastShared != null && lastShared.equals(value) ? lastShared : ChunkSinks.this.intern(value);
            lastSeen = value;
            lastShared = shared;
            return shared;
        }
    }

    private static String threadName(IMCThread thread) {
        return thread == null ? null : thread.getThreadName();
    }

    private List<Frame> frames(IMCStackTrace trace) {
        if (trace == null || trace.getFrames() == null) {
            return List.of();
        }
        if (trace == lastTrace) {
            return lastFrames;
        }
        List<Frame> converted = stacks.computeIfAbsent(trace, t -> {
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
            return sharedStacks.share(List.copyOf(frames));
        });
        lastTrace = trace;
        lastFrames = converted;
        return converted;
    }

    /**
     * Field positions of one event type, resolved once per chunk by {@link #sinkFor}; values are then read by
     * position. JMC 9.1 gives plain {@code long} fields as RAW_NUMBER quantities or boxed numbers depending on
     * annotations, so any number is taken.
     */
    private static final class Fields {
        private final Map<String, Integer> index = new HashMap<>();

        Fields(List<ValueField> fields) {
            for (int i = 0; i < fields.size(); i++) {
                index.put(fields.get(i).getIdentifier(), i);
            }
        }

        /** The position of a field, -1 when the type has none by that name. */
        int slot(String name) {
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }

        static Object get(Object[] values, int slot) {
            return slot < 0 || slot >= values.length ? null : values[slot];
        }

        static long time(Object[] values, int slot) {
            Object value = get(values, slot);
            if (value instanceof IQuantity q) {
                return q.clampedLongValueIn(UnitLookup.EPOCH_NS);
            }
            return value instanceof Number n ? n.longValue() : 0;
        }

        static long number(Object[] values, int slot, long absent) {
            Object value = get(values, slot);
            if (value instanceof IQuantity q) {
                return q.longValue();
            }
            return value instanceof Number n ? n.longValue() : absent;
        }

        static boolean bool(Object[] values, int slot) {
            return get(values, slot) instanceof Boolean b && b;
        }

        static String text(Object[] values, int slot) {
            Object value = get(values, slot);
            return value == null ? null : value.toString();
        }

        static IMCThread thread(Object[] values, int slot) {
            return get(values, slot) instanceof IMCThread t ? t : null;
        }

        static IMCStackTrace stack(Object[] values, int slot) {
            return get(values, slot) instanceof IMCStackTrace s ? s : null;
        }
    }
}
