package dev.leakline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every Leakline version a user can copy from the README, docs/ and the JBang catalog is the version being built,
 * never a -SNAPSHOT: a release that bumps the poms and forgets a snippet fails here (docs/releasing.md).
 */
class ReleaseVersionsIT {
    private static final String VERSION = System.getProperty("leakline.expectedVersion");
    private static final Path REPO = Paths.get(System.getProperty("leakline.repo.dir"));

    /** A version such as 0.2.0-SNAPSHOT (the word alone, in prose about versions, is fine). */
    private static final Pattern SNAPSHOT = Pattern.compile("[0-9A-Za-z.]*\\d-SNAPSHOT");

    /** dev.leakline:ARTIFACT:VERSION (Gradle, JBang) and an artifactId followed by its version (Maven). */
    private static final List<Pattern> COORDINATES = List.of(
            Pattern.compile("dev\\.leakline:leakline-[a-z0-9-]+:([^\"\\s:)`]+)"),
            Pattern.compile("<artifactId>leakline-[a-z0-9-]+</artifactId>(?:\\s*<!--.*?-->)?\\s*<version>([^<]+)</version>"),
            Pattern.compile("leakline-dist/([^/\\s]+)/"),
            Pattern.compile("leakline(?:-dist)?-(\\d[^/\\s`]*?)(?:\\.zip|\\.tar\\.gz|/)"));

    @Test
    void snippetsNameTheVersionBeingBuilt() throws IOException {
        List<Path> files = userFacingFiles();
        assertThat(files).contains(REPO.resolve("README.md"), REPO.resolve("jbang-catalog.json"),
                REPO.resolve("docs/junit.md"));
        List<String> wrong = new ArrayList<>();
        int found = 0;
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher snapshot = SNAPSHOT.matcher(text);
            while (snapshot.find()) {
                wrong.add(REPO.relativize(file) + ": " + snapshot.group());
            }
            for (Pattern pattern : COORDINATES) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    found++;
                    if (!m.group(1).equals(VERSION)) {
                        wrong.add(REPO.relativize(file) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(found).as("coordinates found in %s", files).isGreaterThanOrEqualTo(10);
    }

    private static List<Path> userFacingFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(REPO.resolve("README.md"));
        files.add(REPO.resolve("jbang-catalog.json"));
        try (Stream<Path> docs = Files.walk(REPO.resolve("docs"))) {
            files.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
        }
        return files;
    }
}
