package dev.leakline.scenarios;

import java.io.IOException;
import java.nio.file.Path;

/** Runs a scenario the way regenerate.sh does, from a test. */
final class ScenarioRuns {
    private ScenarioRuns() {
    }

    /** The test's class path: surefire hides it behind a manifest-only jar in java.class.path. */
    static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    static Path record(Path javaHome, Path dir, String folder, Scenario scenario)
            throws IOException, InterruptedException {
        return new Regenerate(javaHome, classpath()).record(dir, folder, scenario);
    }

    /** The committed recordings folder (this module's folder). */
    static Path committed() {
        return Path.of(System.getProperty("leakline.recordings.dir", "."));
    }
}
