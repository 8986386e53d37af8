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
     * The span of the plain recording files among {@code files} (the reader makes compressed files and pipes plain
     * first, {@link RecordingReader#stage}); the others (not a recording, unreadable) are left out, the reader telling
     * what they are. Damaged or truncated chunks count as far as their header goes, as the reader counts them. Null
     * when no chunk header can be read.
     */
    public static RecordingSpan of(List<Path> files) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                if (!ChunkHeader.hasMagic(raf)) {
                    continue;
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
                // unreadable: left out, as the reader will say
            }
        }
        return start <= end ? new RecordingSpan(start, end) : null;
    }
}
