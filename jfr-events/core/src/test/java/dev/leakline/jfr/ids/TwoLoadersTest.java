package dev.leakline.jfr.ids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.internal.ResponseIds;
import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two web applications in one server, each with its own copy of the library jar: two class loaders, each
 * loading the library and the same application code from its own jars. Their responses must have distinct
 * ids, and each one's leak must be seen once (before the JVM-wide id space, both copies counted from 1, a
 * leak of one and a closed response of the other shared an id and the leak disappeared in pairing).
 */
class TwoLoadersTest {
    @TempDir
    Path dir;

    @Test
    void twoCopiesOfTheLibraryNeverShareAnIdAndEachLeakIsSeenOnce() throws Exception {
        Path libraryClasses = Path.of(Leakline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(LoaderApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path app = jar(dir.resolve("app.jar"), testClasses, "dev/leakline/jfr/ids/LoaderApp");
        Path copy1 = jar(dir.resolve("webapp1/leakline-jfr-events.jar"), libraryClasses, "");
        Path copy2 = jar(dir.resolve("webapp2/leakline-jfr-events.jar"), libraryClasses, "");

        try (TestServer server = new TestServer();
                URLClassLoader webapp1 = loader(copy1, app);
                URLClassLoader webapp2 = loader(copy2, app);
                Recorder recorder = Recorder.start()) {
            Class<?> app1 = Class.forName(LoaderApp.class.getName(), true, webapp1);
            Class<?> app2 = Class.forName(LoaderApp.class.getName(), true, webapp2);
            // Really two copies: each loader defined its own library classes, neither is this test's.
            Class<?> leakline1 = webapp1.loadClass(Leakline.class.getName());
            Class<?> leakline2 = webapp2.loadClass(Leakline.class.getName());
            assertThat(leakline1.getClassLoader()).isSameAs(webapp1);
            assertThat(leakline2.getClassLoader()).isSameAs(webapp2);
            assertThat(leakline1).isNotSameAs(Leakline.class);

            app1.getMethod("run", String.class).invoke(null, server.uri("/small").toString());
            app2.getMethod("run", String.class).invoke(null, server.uri("/small").toString());

            Map<Long, List<RecordedEvent>> responses = recorder.byResponse();
            List<Long> openedIds = Recorder.named(recorder.stop(), Recorder.OPENED).stream()
                    .map(e -> e.getLong("responseId")).collect(Collectors.toList());
            assertThat(openedIds).hasSize(4).doesNotHaveDuplicates();
            assertThat(responses).hasSize(4);

            // Each copy's responses: the leak (opened only) and the clean one, in that copy's own block of ids.
            Map<Long, List<List<String>>> kindsByBlock = responses.entrySet().stream().collect(Collectors.groupingBy(
                    e -> e.getKey() >>> 32,
                    Collectors.mapping(e -> Recorder.kinds(e.getValue()), Collectors.toList())));
            assertThat(kindsByBlock).hasSize(2);
            kindsByBlock.values().forEach(kinds -> assertThat(kinds).containsExactlyInAnyOrder(
                    List.of("opened"), List.of("opened", "drained", "closed")));
            assertThat(System.getProperties().get(ResponseIds.PROPERTY)).isInstanceOf(String.class);
            assertThat(((List<?>) app1.getField("HELD").get(null))).hasSize(1);
            assertThat(((List<?>) app2.getField("HELD").get(null))).hasSize(1);
        }
    }

    /** Parent: the platform loader, so each web application sees the JDK and its own jars only. */
    private static URLClassLoader loader(Path library, Path app) throws IOException {
        return new URLClassLoader(new URL[] {library.toUri().toURL(), app.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
    }

    /** A jar of the files under {@code root} whose path starts with {@code prefix}. */
    private static Path jar(Path jar, Path root, String prefix) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (name.startsWith(prefix)) {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
