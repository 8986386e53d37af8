package dev.leakline.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakline.scenarios.truth.CaseTruth;
import dev.leakline.scenarios.truth.ResponseTruth;
import dev.leakline.scenarios.truth.TruthFile;
import dev.leakline.scenarios.truth.TruthJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scenario on JDK 25, where java.net.http names each response's connection
 * ({@code HttpResponse.connectionLabel()}): skipped where no JDK 25 is installed.
 */
class Jdk25RecordingTest {
    static Path jdk25() {
        String env = System.getenv("JDK25_HOME");
        Path home = env != null && !env.isBlank() ? Path.of(env) : Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        return Files.isExecutable(home.resolve("bin").resolve("java")) ? home : null;
    }

    @Test
    void connectionIdsAgreeWithTheServersCount(@TempDir Path dir) throws Exception {
        Path home = jdk25();
        assumeTrue(home != null, "no JDK 25 at JDK25_HOME or /usr/lib/jvm/temurin-25-jdk-amd64");
        Path jfr = ScenarioRuns.record(home, dir, "java-net-http", Scenario.FOUR_CASES_SMALL);
        TruthFile truth = TruthJson.read(dir.resolve("four-cases-small.truth.json"));
        RecordingSummary recorded = RecordingSummary.read(jfr);

        assertThat(truth.java()).startsWith("25");
        TruthCheck.assertMatches(truth, recorded);
        // The distinct connections the recording names per case are the ones the server counted.
        for (CaseTruth c : truth.cases()) {
            String site = truth.responses().stream().filter(r -> r.caseName().equals(c.caseName()))
                    .map(ResponseTruth::site).findFirst().orElseThrow();
            Set<Long> connections = recorded.connectionsBySite.getOrDefault(RecordingSummary.key(site), Set.of());
            assertThat(connections).as("connections of %s", c.caseName()).hasSize(c.connections());
        }
    }
}
