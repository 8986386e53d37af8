package dev.leakline.analyzer.read;

import dev.leakline.engine.event.RecordingListener;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads JFR recordings into our own records. The only way the rest of the analyzer sees a recording.
 */
public interface RecordingReader {
    /**
     * Reads one input: a .jfr file (plain, gzip, zip or LZ4), a directory of them (a JFR repository, or its root
     * holding one subdirectory per JVM), a pipe, or {@code -} for standard input, chunk by chunk.
     *
     * @throws BadInputException when nothing in the input could be read
     */
    void read(Path input, RecordingListener listener) throws BadInputException;

    /**
     * Makes the inputs ready to be read before any is: those that are not plain recordings (compressed files, pipes,
     * standard input, and compressed files in a directory) are decompressed or copied to temporary files now, which
     * {@link #read} then reads and deletes. Returns the time span of every chunk header in them ({@link RecordingSpan}),
     * so a timeline can fix its buckets before the events are read; null when no chunk header can be read, or when a
     * file could not be made ready (it may still read when its turn comes, with the disk holding one copy). An input
     * that cannot be made ready is left for {@link #read}, which reports it as it would have.
     *
     * <p>The price: the disk holds every decompressed copy at once, not one at a time.
     */
    RecordingSpan stage(List<Path> inputs);

    /** The reader backed by JDK Mission Control's parser. */
    static RecordingReader jmc() {
        return new JmcRecordingReader();
    }
}
