package dev.leakline.analyzer.read;

import dev.leakline.engine.event.RecordingListener;

import java.nio.file.Path;

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

    /** The reader backed by JDK Mission Control's parser. */
    static RecordingReader jmc() {
        return new JmcRecordingReader();
    }
}
