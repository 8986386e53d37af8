package dev.leakline.analyzer.read;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When the reader parses the next chunk while one is parsed ({@link JmcRecordingReader}). JMC decodes a chunk on one
 * thread; two chunks at once use two CPUs. It costs a second chunk in memory: its array (the chunk's size and a fifth),
 * JMC's constant pools and the records kept until its turn ({@link ChunkSinks#AHEAD_LIMIT}), so the reader parses
 * ahead only when the heap, as the last collection left it, has room for that and some to spare: a recording whose
 * unfinished responses fill a small heap is read a chunk at a time, as before, rather than run out of memory.
 *
 * <p>On with two or more CPUs; {@code -Dleakline.parseAhead=false} turns it off.
 */
final class ParseAhead {
    /** The system property that turns parsing ahead off ({@code false}) or on ({@code true}) whatever the CPUs. */
    static final String PROPERTY = "leakline.parseAhead";
    /** Heap room asked for per byte of the chunk: its array (a fifth more than the chunk) and JMC's pools. */
    static final int ROOM_PER_CHUNK_BYTE = 2;
    /**
     * Heap room asked for besides: the records kept until the chunk's turn (at most {@link ChunkSinks#AHEAD_LIMIT},
     * about 20 MB of Leakline traffic) and some to spare for the engine.
     */
    static final long ROOM_BESIDES = 24L << 20;

    private ParseAhead() {
    }

    /** Whether parsing ahead is on: the property if set, else whether there are two CPUs or more. */
    static boolean enabled() {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return Boolean.parseBoolean(property);
        }
        return Runtime.getRuntime().availableProcessors() >= 2;
    }

    /** Whether the heap has room to parse a chunk of {@code chunkSize} bytes ahead. */
    static boolean heapHasRoomFor(long chunkSize) {
        long room = Runtime.getRuntime().maxMemory() - usedAfterLastCollection();
        return room >= ROOM_PER_CHUNK_BYTE * chunkSize + ROOM_BESIDES;
    }

    /**
     * The heap in use when the last collection ended (0 before the first): what the heap holds that is not garbage,
     * or nearly. The current use would count garbage too; a pool's own "collection usage" is not updated by G1's young
     * collections, so the last collection's figures are read instead.
     */
    static long usedAfterLastCollection() {
        try {
            Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
            long lastEnd = -1;
            long used = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (!(collector instanceof com.sun.management.GarbageCollectorMXBean detailed)) {
                    continue;
                }
                com.sun.management.GcInfo last = detailed.getLastGcInfo();
                if (last == null || last.getEndTime() <= lastEnd) {
                    continue;
                }
                lastEnd = last.getEndTime();
                used = 0;
                for (Map.Entry<String, MemoryUsage> pool : last.getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
            }
            return used;
        } catch (LinkageError | RuntimeException e) {
            // A JVM without com.sun.management: the heap in use now, garbage included (errs towards not parsing ahead).
            Runtime runtime = Runtime.getRuntime();
            return runtime.totalMemory() - runtime.freeMemory();
        }
    }
}
