package dev.leakline.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.scenarios.truth.CaseTruth;
import dev.leakline.scenarios.truth.ResponseTruth;
import dev.leakline.scenarios.truth.TruthFile;
import dev.leakline.scenarios.truth.TruthJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates four-cases-small for java.net.http in a temporary folder, on the JDK running the tests, and
 * checks the recording against the truth file the scenario wrote.
 */
class FourCasesRecordingTest {
    @Test
    void recordingMatchesItsTruthFile(@TempDir Path dir) throws Exception {
        Path jfr = ScenarioRuns.record(Path.of(System.getProperty("java.home")), dir, "java-net-http",
                Scenario.FOUR_CASES_SMALL);
        TruthFile truth = TruthJson.read(dir.resolve("four-cases-small.truth.json"));
        RecordingSummary recorded = RecordingSummary.read(jfr);

        TruthCheck.assertMatches(truth, recorded);
        assertThat(truth.recording()).isEqualTo("four-cases-small.jfr");
        assertThat(truth.cases()).extracting(CaseTruth::caseName)
                .containsExactly("neither-read-nor-closed", "closed-unread", "read-to-end", "read-and-closed");
        assertThat(truth.responses()).hasSize(20);
        // Each case was sent from its own line: four distinct leak sites.
        assertThat(truth.responses().stream().map(ResponseTruth::site).distinct()).hasSize(4);
        assertThat(truth.responses()).filteredOn(r -> r.caseName().equals("neither-read-nor-closed"))
                .extracting(ResponseTruth::expected).containsOnly("leaked");
        assertThat(truth.responses()).filteredOn(r -> r.caseName().equals("read-and-closed"))
                .extracting(ResponseTruth::expected).containsOnly("clean");
    }

}
