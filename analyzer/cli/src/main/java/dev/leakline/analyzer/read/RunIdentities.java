package dev.leakline.analyzer.read;

import java.util.ArrayList;
import java.util.List;

import dev.leakline.engine.event.JvmRun;

/**
 * Which JVM run wrote each chunk, across all the inputs of one analysis. A chunk names its JVM in
 * {@code jdk.JVMInformation}, but a recording made with {@code leakline.jfc} alone has none, and data loss can drop it
 * from a chunk. Every chunk header, though, tells when its JVM's tick counter started
 * ({@link ChunkHeader#clockOriginNanos()}): chunks with the same origin come from the same JVM, in whatever file, and
 * chunks of two JVMs have two origins. So a chunk without the event joins the run with its origin (a response opened
 * in one file and closed in the next pairs), and a JVM seen only without it gets one run of its own (pid unknown),
 * never one per file or a "pid -1" twin of an identified run.
 */
final class RunIdentities {
    /**
     * Origins closer than this are one JVM. The origin is the wall clock minus the monotonic clock at chunk start,
     * which only moves when the wall clock is stepped; two JVMs that started closer than this cannot be told apart
     * without {@code jdk.JVMInformation} (then the reader warns).
     */
    static final long SAME_ORIGIN_NANOS = 50_000_000L;

    private final List<Known> known = new ArrayList<>();

    /** A run and its clock origin. {@code absorbed} is the identified run a provisional one now stands for. */
    private static final class Known {
        final long origin;
        final JvmRun run;
        JvmRun absorbed;

        Known(long origin, JvmRun run) {
            this.origin = origin;
            this.run = run;
        }
    }

    /** The result of {@link #assume}: the run, and how many runs shared the origin (more than one: ambiguous). */
    record Assumption(JvmRun run, int candidates) {
    }

    /**
     * The run of a chunk that does not name its JVM: the known run with its clock origin (the previous chunk's run
     * when several share it), else a new run identified by the origin alone. Registers nothing.
     */
    Assumption assume(long origin, JvmRun previous) {
        List<JvmRun> candidates = candidates(origin);
        if (candidates.isEmpty()) {
            return new Assumption(origin == Long.MIN_VALUE ? previous : new JvmRun(origin / 1_000_000, -1), 0);
        }
        JvmRun run = candidates.contains(previous) ? previous : candidates.get(0);
        return new Assumption(run, candidates.size());
    }

    /**
     * The run a chunk's events are counted to, given the run it was found to have (from {@code jdk.JVMInformation},
     * or assumed): the same object for every chunk of one JVM.
     */
    synchronized JvmRun identify(long origin, JvmRun found) {
        if (found == null || origin == Long.MIN_VALUE) {
            return found;
        }
        for (Known k : known) {
            if (k.run.equals(found) || found.equals(k.absorbed)) {
                return k.run;
            }
        }
        if (found.pid() >= 0) {
            for (Known k : known) {
                // A provisional run of this JVM (an earlier chunk without the event): keep counting to it, so the
                // JVM stays one run. It absorbs one identified run only; another pid at that origin is another JVM.
                if (k.run.pid() < 0 && k.absorbed == null && Math.abs(k.origin - origin) <= SAME_ORIGIN_NANOS) {
                    k.absorbed = found;
                    return k.run;
                }
            }
        }
        known.add(new Known(origin, found));
        return found;
    }

    private synchronized List<JvmRun> candidates(long origin) {
        List<JvmRun> out = new ArrayList<>();
        if (origin == Long.MIN_VALUE) {
            return out;
        }
        for (Known k : known) {
            if (Math.abs(k.origin - origin) <= SAME_ORIGIN_NANOS && !out.contains(k.run)) {
                out.add(k.run);
            }
        }
        return out;
    }
}
