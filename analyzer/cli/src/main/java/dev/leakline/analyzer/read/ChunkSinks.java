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
    /** Set without the lock too ({@link #abandon}), so a long run of events decoded under it stops early. */
    private volatile boolean abandoned;
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

    /** The events of this chunk decoded here, not by JMC ({@link DirectEvents}). */
    private DirectEvents direct = DirectEvents.NONE;
    /** Whether decoding one of them failed: the chunk is damaged there, and nothing after it is read. */
    private boolean directFailed;

    /**
     * Called with what {@link UnneededEvents} hid from JMC in this chunk, before JMC parses it: the unneeded events'
     * threads and the events decoded here.
     */
    synchronized void hidden(UnneededEvents.Hidden what) {
        hidden = what.sightings();
        direct = what.direct();
    }

    /** Whether this type's events are decoded here rather than by JMC: Leakline's own, when the chunk allows. */
    boolean decodesItself(String type) {
        return type.startsWith("leakline.") && needs(type);
    }

    /**
     * JMC's parse of the chunk has ended without a problem: converts the events decoded here that come after the last
     * one JMC handed over. Called on the parse's thread, while the chunk's array is still the chunk's.
     */
    synchronized void decodeRest() {
        if (!abandoned && !directFailed) {
            decodeOurs(true);
        }
    }

    /**
     * Converts the events decoded here that come before the next event JMC hands over ({@code rest}: all that are
     * left); false when one is damaged (then nothing after it is read, as JMC stops at a damaged event).
     */
    private boolean decodeOurs(boolean rest) {
        try {
            if (rest) {
                direct.decodeRest(this::converterOf, () -> abandoned);
            } else {
                direct.beforeNextVisible(this::converterOf, () -> abandoned);
            }
            return true;
        } catch (RuntimeException e) {
            directFailed(e);
            return false;
        }
    }

    private Consumer<EventFields> converterOf(EventLayouts.Layout layout) {
        return converter(layout.name(), new Fields(layout.decoding().names()));
    }

    private void directFailed(RuntimeException e) {
        directFailed = true;
        if (conversionFailure == null) {
            conversionFailure = e.getMessage();
        }
    }

    /** How many events of the chunk are decoded here rather than by JMC. */
    synchronized int decodedCount() {
        return direct.count();
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
                    direct.resolved(lookup(threadPool), lookup(pools.get("jdk.types.StackTrace")),
                            lookup(pools.get("java.lang.String")), strings);
                }
            }
        };
    }

    private static java.util.function.LongFunction<Object> lookup(
            org.openjdk.jmc.common.collection.FastAccessNumberMap<Object> pool) {
        return pool == null ? null : pool::get;
    }

    @Override
    public IEventSinkFactory getEventSinkFactory(IEventSinkFactory subFactory) {
        return new IEventSinkFactory() {
            @Override
            public IEventSink create(String identifier, String label, String[] category, String description,
                    List<ValueField> dataStructure) {
                return sinkFor(identifier, Fields.of(dataStructure));
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
    void abandon() {
        abandoned = true; // no lock: a long run of events decoded under it sees this between events
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

    /** One instance per distinct short string of this chunk; all sinks run under the lock. */
    private final SharedStrings strings = new SharedStrings();

    private void adopt(JvmRun known) {
        run = identify.apply(known);
        for (Function<JvmRun, RecordedEvent> event : held) {
            deliver(event.apply(run));
        }
        held.clear();
    }

    private void deliver(RecordedEvent event) {
        if (abandoned) {
            return; // given up (timed out, or the reading stopped): nothing more reaches the consumer
        }
        delivered++;
        try {
            consumer.accept(event);
        } catch (RuntimeException e) {
            // A bug downstream, not damage in the file: kept apart so it is reported as an internal error, and the
            // chunk's other records are not handed to a consumer that failed (the reading is stopping).
            if (consumerFailure == null) {
                consumerFailure = e;
            }
            abandoned = true;
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
        Consumer<EventFields> convert = converter(type, f);
        JmcEventFields fields = new JmcEventFields(f.count(), strings);
        // Every event JMC hands over comes here, even one of a type that gives nothing: the events decoded here that
        // lie before it in the file are converted first, and that needs each of JMC's events counted.
        return values -> {
            synchronized (this) {
                if (abandoned || directFailed || !decodeOurs(false)) {
                    return;
                }
                handle(type, convert, eventThread, startTime, fields.of(values));
            }
        };
    }

    /** What turns an event of this type into our record, null for a type the analyzer does not convert. */
    private Consumer<EventFields> converter(String type, Fields f) {
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
                SharedStrings.Recent threadNames = strings.new Recent();
                yield v -> {
                    IMCThread thread = v.thread(eventThread);
                    long time = v.time(startTime);
                    long tid = threadId(thread);
                    String tname = threadNames.share(threadName(thread));
                    long id = v.number(responseId, 0);
                    long connection = v.number(connectionId, 0);
                    // A response still open at the end is kept until then: one copy of each repeated string, not one
                    // per response (a million leaked responses held 3.5 strings each, 220 of their 400 bytes).
                    String client = v.sharedText(clientField);
                    String method = v.sharedText(methodField);
                    String uri = v.text(uriField);
                    int status = (int) v.number(statusField, 0);
                    String protocol = v.sharedText(protocolField);
                    long length = v.number(contentLength, -1);
                    List<Frame> stack = frames(v.stack(stackTrace));
                    // null in recordings made before the field existed
                    String pool = v.sharedText(poolField);
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
                    IMCThread thread = v.thread(eventThread);
                    long time = v.time(startTime);
                    long tid = threadId(thread);
                    String tname = threadName(thread);
                    long id = v.number(responseId, 0);
                    String client = v.text(clientField);
                    String method = v.text(methodField);
                    String uri = v.text(uriField);
                    List<Frame> stack = frames(v.stack(stackTrace));
                    add(run -> new RecordedEvent.RequestStarted(run, time, tid, tname, id, client, method, uri,
                            stack));
                };
            }
            case "leakline.ResponseDrained" -> {
                int responseId = f.slot("responseId");
                int bytesRead = f.slot("bytesRead");
                int drainedBy = f.slot("drainedBy");
                yield v -> {
                    long time = v.time(startTime);
                    long tid = threadId(v.thread(eventThread));
                    long id = v.number(responseId, 0);
                    long bytes = v.number(bytesRead, 0);
                    String by = v.sharedText(drainedBy);
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
                yield v -> {
                    long time = v.time(startTime);
                    long tid = threadId(v.thread(eventThread));
                    long id = v.number(responseId, 0);
                    long bytes = v.number(bytesRead, 0);
                    boolean drained = v.bool(drainedField);
                    String by = v.sharedText(closedBy);
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
                yield v -> {
                    long time = v.time(startTime);
                    long connection = v.number(connectionId, 0);
                    String pool = v.sharedText(poolField);
                    String outcome = v.sharedText(outcomeField);
                    long id = v.number(responseId, 0);
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
                    IMCThread thread = v.thread(threadField);
                    IMCThread parent = v.thread(parentField);
                    if (parent == null) {
                        parent = v.thread(eventThread);
                    }
                    long time = v.time(startTime);
                    long tid = threadId(thread);
                    String tname = threadName(thread);
                    long pid = threadId(parent);
                    String pname = threadName(parent);
                    List<Frame> stack = frames(v.stack(stackTrace));
                    add(run -> new RecordedEvent.ThreadStarted(run, time, tid, tname, pid, pname, stack));
                };
            }
            case "jdk.ThreadEnd" -> {
                int threadField = f.slot("thread");
                yield v -> {
                    IMCThread thread = v.thread(threadField);
                    if (thread == null || thread.getThreadId() == null) {
                        // The ending thread writes its own jdk.ThreadEnd: when the field does not resolve, the
                        // event's thread is the same thread. (JDK 17's ends during a chunk rotation leave both
                        // unresolved: the engine still counts them, see ThreadTracker; dropping an end reports its
                        // thread alive.)
                        IMCThread writer = v.thread(eventThread);
                        thread = writer != null && writer.getThreadId() != null ? writer : thread;
                    }
                    long time = v.time(startTime);
                    long tid = threadId(thread);
                    String tname = threadName(thread);
                    add(run -> new RecordedEvent.ThreadEnded(run, time, tid, tname));
                };
            }
            case "jdk.DataLoss" -> {
                int amountField = f.slot("amount");
                yield v -> {
                    long time = v.time(startTime);
                    long amount = v.number(amountField, 0);
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
                    long start = v.time(jvmStartTime);
                    long pid = v.number(pidField, -1);
                    jvmName = v.text(jvmNameField);
                    jvmVersion = v.text(jvmVersionField);
                    javaArguments = v.text(javaArgumentsField); // only its first word, the main class, is kept
                    if (start > 0) {
                        jvmInformation(new JvmRun(start / 1_000_000, pid));
                    }
                };
            }
            case "jdk.OSInformation" -> {
                int osVersionField = f.slot("osVersion");
                yield v -> osVersion = v.text(osVersionField);
            }
            default -> null;
        };
    }

    private void handle(String type, Consumer<EventFields> convert, int eventThread, int startTime,
            EventFields values) {
        try {
            if (convert != null) {
                convert.accept(values);
            }
            if (eventThread >= 0) {
                noteThread(values.thread(eventThread), values.time(startTime));
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
    static final class Fields {
        private final Map<String, Integer> index = new HashMap<>();
        private final int count;

        Fields(List<String> names) {
            for (int i = 0; i < names.size(); i++) {
                index.put(names.get(i), i);
            }
            count = names.size();
        }

        static Fields of(List<ValueField> fields) {
            return new Fields(fields.stream().map(ValueField::getIdentifier).toList());
        }

        /** The position of a field, -1 when the type has none by that name. */
        int slot(String name) {
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }

        /** How many fields the type has. */
        int count() {
            return count;
        }
    }
}
