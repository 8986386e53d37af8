package dev.leakline.frameworks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line a user would be told, computed from the test's own source: the application class marks each call with a
 * comment {@code // site:NAME} at the end of the line, and this finds that line. The expected site never comes from
 * the analyzer's output.
 */
final class SourceLine {
    private SourceLine() {
    }

    /**
     * {@code com.example.shop.Shop.method(Shop.java:42)} for the line of {@code type}'s source that ends with
     * {@code // site:marker}, exactly as a Java stack trace prints the frame.
     */
    static String site(Class<?> type, String method, String marker) {
        Path source = Path.of("src/test/java", type.getName().replace('.', '/') + ".java");
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException("the test reads its own source from the module folder", e);
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().endsWith("// site:" + marker)) {
                found.add(i + 1);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one '// site:" + marker + "' in " + source + ", found " + found);
        }
        return type.getName() + "." + method + "(" + type.getSimpleName() + ".java:" + found.get(0) + ")";
    }
}
