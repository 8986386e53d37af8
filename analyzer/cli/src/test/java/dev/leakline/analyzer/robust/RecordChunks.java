package dev.leakline.analyzer.robust;

import java.nio.file.Path;

/**
 * A child-JVM program: records {@link SourceRecordings#record} traffic in the given number of chunks to a file, so a
 * test gets recordings of several JVM runs. Arguments: the file, the number of chunks.
 */
public final class RecordChunks {
    private RecordChunks() {
    }

    public static void main(String[] args) throws Exception {
        SourceRecordings.record(Path.of(args[0]), Integer.parseInt(args[1]));
    }
}
