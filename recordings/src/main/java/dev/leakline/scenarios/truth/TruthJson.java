package dev.leakline.scenarios.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes truth files. */
public final class TruthJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TruthJson() {
    }

    /** Writes {@code truth} to {@code file}, with a final newline. */
    public static void write(TruthFile truth, Path file) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(truth) + "\n");
    }

    /** Reads a truth file. */
    public static TruthFile read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), TruthFile.class);
    }
}
