package dev.leakline.analyzer.read;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.leakline.engine.event.Frame;

/**
 * One list per distinct stack across the chunks of a reading, so that records from different chunks share their
 * stacks.
 *
 * <p>Why: JMC resolves stack traces per chunk, so {@link ChunkSinks} builds a new frame list for every distinct stack
 * in every chunk. A response still open when its chunk ends keeps its list; on a 1.8 GB recording (143 chunks) those
 * copies were 600,000 frames, 14 MB that grew chunk after chunk. Here each chunk's list is looked up once per distinct
 * stack (a few hundred per chunk) and replaced by the first equal one. A cache, not a registry: emptied when it holds
 * {@link #LIMIT} stacks, so a recording of endlessly varied stacks costs at most that many.
 */
final class SharedStacks {
    static final int LIMIT = 8192;

    /** Concurrent: a chunk whose parse was given up may still be converting while the next chunk is read. */
    private final Map<List<Frame>, List<Frame>> stacks = new ConcurrentHashMap<>();

    /** The list equal to {@code stack} that records already share, or {@code stack} itself, now shared. */
    List<Frame> share(List<Frame> stack) {
        List<Frame> known = stacks.putIfAbsent(stack, stack);
        if (known != null) {
            return known;
        }
        if (stacks.size() > LIMIT) {
            stacks.clear();
        }
        return stack;
    }
}
