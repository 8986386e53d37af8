package dev.leakline.analyzer.read;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The time span of plain recording files, from their chunk headers alone (68 bytes per chunk, no event read): what a
 * timeline needs to fix its buckets before the events are read, so it can be computed while reading.
 *
 * @param startNanos the earliest chunk start, epoch nanoseconds
 * @param endNanos   the latest chunk end
 */
public record RecordingSpan(long startNanos, long endNanos) {
    /**
     * The span of the files, or null when it cannot be known up front: a directory, a stream, a compressed file, or
     * no readable chunk header. Damaged or truncated chunks count as far as their header goes, as the reader counts
     * them.
     */
    public static RecordingSpan of(List<Path> inputs) {
        return of(inputs, false);
    }

    /**
     * The span of the plain recording files among {@code files}; the others (not a recording, unreadable) are left
     * out, the reader telling what they are. Null when none has a readable chunk header.
     */
    static RecordingSpan ofPlain(List<Path> files) {
        return of(files, true);
    }

    private static RecordingSpan of(List<Path> inputs, boolean skipOthers) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Path input : inputs) {
            if (!Files.isRegularFile(input)) {
                if (skipOthers) {
                    continue;
                }
                return null;
            }
            try (RandomAccessFile raf = new RandomAccessFile(input.toFile(), "r")) {
                if (!ChunkHeader.hasMagic(raf)) {
                    if (skipOthers) {
                        continue;
                    }
                    return null; // compressed or not a recording: the reader decides what it is
                }
                long length = raf.length();
                long position = 0;
                while (length - position >= ChunkHeader.LENGTH) {
                    ChunkHeader header = ChunkHeader.read(raf, position);
                    if (header == null || header.unsupportedFormat() != null) {
                        break;
                    }
                    start = Math.min(start, header.startNanos());
                    end = Math.max(end, header.startNanos() + Math.max(0, header.durationNanos()));
                    if (header.size() < ChunkHeader.LENGTH) {
                        break;
                    }
                    position += header.size();
                }
            } catch (IOException e) {
                if (!skipOthers) {
                    return null;
                }
            }
        }
        return start <= end ? new RecordingSpan(start, end) : null;
    }
}
