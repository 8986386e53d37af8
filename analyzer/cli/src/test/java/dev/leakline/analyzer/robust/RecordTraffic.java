package dev.leakline.analyzer.robust;

import java.nio.file.Path;

/**
 * A child-JVM program for {@link JdkVersionsTest}: records {@code chunks} chunks of Leakline traffic (see
 * {@link SourceRecordings#record}) to {@code file} with whatever JDK runs it, and prints that JDK's version.
 */
public final class RecordTraffic {
    private RecordTraffic() {
    }

    /** Arguments: the file to write, the number of chunks. */
    public static void main(String[] args) throws Exception {
        SourceRecordings.record(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println(Runtime.version().feature());
    }
}
