package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDKs the child-JVM tests run on: the one running the build (17) and JDK 25 at its usual place. A missing
 * JDK 25 is skipped on a developer's machine and fails the build under CI ({@code CI=true}), where it is installed.
 */
record Jdk(String name, Path home) {
    static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    Path java() {
        return home.resolve("bin/java");
    }

    static List<Jdk> all() {
        List<Jdk> jdks = new ArrayList<>();
        jdks.add(new Jdk("jdk" + Runtime.version().feature(), Path.of(System.getProperty("java.home"))));
        Path jdk25 = Path.of(System.getProperty("leakline.test.jdk25", JDK_25.toString()));
        if (Files.isExecutable(jdk25.resolve("bin/java"))) {
            jdks.add(new Jdk("jdk25", jdk25));
        } else {
            assertThat(System.getenv("CI")).as("JDK 25 missing at " + jdk25 + " under CI").isNotEqualTo("true");
        }
        return jdks;
    }

    @Override
    public String toString() {
        return name;
    }
}
