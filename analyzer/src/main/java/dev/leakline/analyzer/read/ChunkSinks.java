package dev.leakline.analyzer.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * The parser extension for one chunk: converts the events we need into our records and drops all events (ours and
 * the JDK's) so JMC keeps nothing. JMC may call the sinks from several threads, hence the concurrent collections.
 *
 * <p>Events are collected as functions of the {@link JvmRun} because the chunk's {@code jdk.JVMInformation} may come
 * after them; {@link #events(JvmRun)} applies the run once the chunk is done.
 */
final class ChunkSinks implements IParserExtension {
    private static final int MAX_FRAMES = 64;

    private final Queue<Function<JvmRun, RecordedEvent>> pending = new ConcurrentLinkedQueue<>();
    private final Map<Long, Object[]> threadsSeen = new ConcurrentHashMap<>();
    private final Map<IMCStackTrace, List<Frame>> stacks = new ConcurrentHashMap<>();
    private volatile JvmRun jvmRun;
    private volatile String conversionFailure;

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
                // nothing buffered: events go to our queue as they come
            }
        };
    }

    JvmRun jvmRun() {
        return jvmRun;
    }

    String conversionFailure() {
        return conversionFailure;
    }

    List<RecordedEvent> events(JvmRun run) {
        List<RecordedEvent> events = new ArrayList<>(pending.size() + threadsSeen.size());
        for (Function<JvmRun, RecordedEvent> event : pending) {
            events.add(event.apply(run));
        }
        for (Map.Entry<Long, Object[]> seen : threadsSeen.entrySet()) {
            events.add(new RecordedEvent.ThreadSeen(run, (Long) seen.getValue()[0], seen.getKey(),
                    (String) seen.getValue()[1]));
        }
        return events;
    }

    private IEventSink sinkFor(String type, Fields f) {
        IEventSink convert = switch (type) {
            case "leakline.ResponseOpened" -> v -> {
                IMCThread thread = f.thread(v, "eventThread");
                long time = f.time(v);
                long tid = threadId(thread);
                String tname = threadName(thread);
                long id = f.number(v, "responseId");
                long connection = f.number(v, "connectionId");
                String client = f.text(v, "client");
                String method = f.text(v, "method");
                String uri = f.text(v, "uri");
                int status = (int) f.number(v, "status");
                String protocol = f.text(v, "protocol");
                long length = f.number(v, "contentLength", -1);
                List<Frame> stack = frames(f.stack(v));
                pending.add(run -> new RecordedEvent.ResponseOpened(run, time, tid, tname, id, connection, client,
                        method, uri, status, protocol, length, stack));
            };
            case "leakline.ResponseDrained" -> v -> {
                long time = f.time(v);
                long tid = threadId(f.thread(v, "eventThread"));
                long id = f.number(v, "responseId");
                long bytes = f.number(v, "bytesRead");
                String by = f.text(v, "drainedBy");
                pending.add(run -> new RecordedEvent.ResponseDrained(run, time, tid, id, bytes, by));
            };
            case "leakline.ResponseClosed" -> v -> {
                long time = f.time(v);
                long tid = threadId(f.thread(v, "eventThread"));
                long id = f.number(v, "responseId");
                long bytes = f.number(v, "bytesRead");
                boolean drained = f.bool(v, "drained");
                String by = f.text(v, "closedBy");
                pending.add(run -> new RecordedEvent.ResponseClosed(run, time, tid, id, bytes, drained, by));
            };
            case "leakline.ConnectionReleased" -> v -> {
                long time = f.time(v);
                long connection = f.number(v, "connectionId");
                String pool = f.text(v, "pool");
                String outcome = f.text(v, "outcome");
                long id = f.number(v, "responseId");
                pending.add(run -> new RecordedEvent.ConnectionReleased(run, time, connection, pool, outcome, id));
            };
            case "jdk.ThreadStart" -> v -> {
                IMCThread thread = f.thread(v, "thread");
                IMCThread parent = f.thread(v, "parentThread");
                if (parent == null) {
                    parent = f.thread(v, "eventThread");
                }
                long time = f.time(v);
                long tid = threadId(thread);
                String tname = threadName(thread);
                long pid = threadId(parent);
                String pname = threadName(parent);
                List<Frame> stack = frames(f.stack(v));
                pending.add(run -> new RecordedEvent.ThreadStarted(run, time, tid, tname, pid, pname, stack));
            };
            case "jdk.ThreadEnd" -> v -> {
                IMCThread thread = f.thread(v, "thread");
                long time = f.time(v);
                long tid = threadId(thread);
                String tname = threadName(thread);
                pending.add(run -> new RecordedEvent.ThreadEnded(run, time, tid, tname));
            };
            case "jdk.DataLoss" -> v -> {
                long time = f.time(v);
                long amount = f.number(v, "amount");
                pending.add(run -> new RecordedEvent.DataLoss(run, time, amount));
            };
            case "jdk.JVMInformation" -> v -> {
                long start = f.timeIn(v, "jvmStartTime");
                long pid = f.number(v, "pid", -1);
                if (start > 0) {
                    jvmRun = new JvmRun(start / 1_000_000, pid);
                }
            };
            default -> null;
        };
        boolean hasEventThread = f.has("eventThread");
        return values -> {
            try {
                if (convert != null) {
                    convert.addEvent(values);
                }
                if (hasEventThread) {
                    noteThread(f.thread(values, "eventThread"), f.time(values));
                }
            } catch (RuntimeException e) {
                // Never let one odd value abort JMC's parse; the chunk is then reported as damaged.
                conversionFailure = type + ": " + e;
            }
        };
    }

    private void noteThread(IMCThread thread, long time) {
        Long id = thread == null ? null : thread.getThreadId();
        if (id == null || isVirtual(thread)) {
            // Virtual threads have no jdk.ThreadStart/End by default: seen-only, they would all look alive forever.
            return;
        }
        threadsSeen.merge(id, new Object[] {time, thread.getThreadName()},
                (old, now) -> (Long) old[0] >= (Long) now[0] ? old : now);
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
        return stacks.computeIfAbsent(trace, t -> {
            List<Frame> frames = new ArrayList<>();
            for (IMCFrame frame : t.getFrames()) {
                if (frames.size() == MAX_FRAMES) {
                    break;
                }
                IMCMethod method = frame.getMethod();
                String typeName = method == null || method.getType() == null ? "?" : method.getType().getFullName();
                String methodName = method == null ? "?" : method.getMethodName();
                Integer line = frame.getFrameLineNumber();
                frames.add(new Frame(typeName, methodName, line == null ? -1 : line));
            }
            return List.copyOf(frames);
        });
    }

    /**
     * Field positions of one event type, resolved once. JMC 9.1 gives plain {@code long} fields as RAW_NUMBER
     * quantities or boxed numbers depending on annotations, so values are looked up by name and any number is taken.
     */
    private static final class Fields {
        private final Map<String, Integer> index = new HashMap<>();

        Fields(List<ValueField> fields) {
            for (int i = 0; i < fields.size(); i++) {
                index.put(fields.get(i).getIdentifier(), i);
            }
        }

        boolean has(String name) {
            return index.containsKey(name);
        }

        Object get(Object[] values, String name) {
            Integer i = index.get(name);
            return i == null || i >= values.length ? null : values[i];
        }

        long time(Object[] values) {
            return timeIn(values, "startTime");
        }

        long timeIn(Object[] values, String name) {
            Object value = get(values, name);
            if (value instanceof IQuantity q) {
                return q.clampedLongValueIn(UnitLookup.EPOCH_NS);
            }
            return value instanceof Number n ? n.longValue() : 0;
        }

        long number(Object[] values, String name) {
            return number(values, name, 0);
        }

        long number(Object[] values, String name, long absent) {
            Object value = get(values, name);
            if (value instanceof IQuantity q) {
                return q.longValue();
            }
            return value instanceof Number n ? n.longValue() : absent;
        }

        boolean bool(Object[] values, String name) {
            return get(values, name) instanceof Boolean b && b;
        }

        String text(Object[] values, String name) {
            Object value = get(values, name);
            return value == null ? null : value.toString();
        }

        IMCThread thread(Object[] values, String name) {
            return get(values, name) instanceof IMCThread t ? t : null;
        }

        IMCStackTrace stack(Object[] values) {
            return get(values, "stackTrace") instanceof IMCStackTrace s ? s : null;
        }
    }
}
