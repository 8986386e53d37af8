package dev.leakline.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.scenarios.truth.TruthFile;
import dev.leakline.scenarios.truth.TruthJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed recordings: complete, paired with their truth files, small, and described by the README. */
class CommittedRecordingsTest {
    private static final long MAX_BYTES = 5L * 1024 * 1024;

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(ScenarioRuns.committed())) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !ScenarioRuns.committed().relativize(p).startsWith("target"))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyRecordingHasItsTruthFileAndViceVersa() throws IOException {
        List<Path> recordings = files(".jfr");
        List<Path> truths = files(".truth.json");
        assertThat(recordings).isNotEmpty();
        assertThat(recordings.stream().map(p -> p.toString().replace(".jfr", "")))
                .containsExactlyElementsOf(truths.stream().map(p -> p.toString().replace(".truth.json", ""))
                        .collect(Collectors.toList()));
        for (Path t : truths) {
            TruthFile truth = TruthJson.read(t);
            assertThat(t.resolveSibling(truth.recording())).as("recording named in %s", t).exists();
            assertThat(truth.scenario() + ".jfr").isEqualTo(truth.recording());
        }
    }

    @Test
    void everyRecordingAgreesWithItsTruthFile() throws IOException {
        for (Path t : files(".truth.json")) {
            TruthFile truth = TruthJson.read(t);
            TruthCheck.assertMatches(truth, RecordingSummary.read(t.resolveSibling(truth.recording())));
        }
    }

    @Test
    void recordingsAreSmall() throws IOException {
        for (Path p : files(".jfr")) {
            assertThat(Files.size(p)).as("size of %s", p).isLessThan(MAX_BYTES);
        }
    }

    @Test
    void everyClientHasEveryScenarioOnJdk17() {
        List<String> missing = new ArrayList<>();
        for (String folder : Clients.folders()) {
            ClientCases client = Clients.byFolder(folder);
            for (Scenario s : Scenario.values()) {
                Path jfr = ScenarioRuns.committed().resolve("jdk17").resolve(folder).resolve(s.fileName() + ".jfr");
                if (s.supports(client) && !Files.exists(jfr)) {
                    missing.add(folder + "/" + s.fileName());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void readmeIsGeneratedFromTheTruthFiles() throws IOException {
        String committed = Files.readString(ScenarioRuns.committed().resolve("README.md"));
        assertThat(committed).isEqualTo(ReadmeGenerator.generate(ScenarioRuns.committed()));
    }
}
