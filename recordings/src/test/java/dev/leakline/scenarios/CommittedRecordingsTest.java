package dev.leakline.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.scenarios.truth.CaseTruth;
import dev.leakline.scenarios.truth.ResponseTruth;
import dev.leakline.scenarios.truth.TruthFile;
import dev.leakline.scenarios.truth.TruthJson;
import dev.leakline.scenarios.truth.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
                if (s.recordedFor(client) && !Files.exists(jfr)) {
                    missing.add(folder + "/" + s.fileName());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * Every pool-exhaustion recording: each connection of the pool (the server counted them all held) is
     * named by one response opened at the scenario's line and left open, and none was released.
     */
    @Test
    void poolExhaustionShowsEveryConnectionHeldByALeakedResponse() throws IOException {
        List<Path> truths = files("pool-exhaustion.truth.json");
        assertThat(truths).isNotEmpty();
        for (Path t : truths) {
            TruthFile truth = TruthJson.read(t);
            RecordingSummary recorded = RecordingSummary.read(t.resolveSibling(truth.recording()));
            CaseTruth held = truth.cases().get(0);
            assertThat(held.connection()).as("server's view in %s", t).isEqualTo("held");
            String site = RecordingSummary.key(truth.responses().get(0).site());
            assertThat(truth.responses()).extracting(ResponseTruth::expected).containsOnly(Verdict.LEAKED);
            Set<Long> opened = recorded.openedBySite.get(site);
            assertThat(opened).as("responses opened at %s", site).hasSize(held.requests());
            assertThat(opened).as("left open").filteredOn(id -> recorded.closedByApplication.contains(id)
                    || recorded.drained.contains(id)).isEmpty();
            Set<Long> connections = recorded.connectionsBySite.getOrDefault(site, Set.of());
            assertThat(connections).as("distinct connections of %s", site).hasSize(held.connections());
            assertThat(connections).as("released").filteredOn(recorded.releasedConnections::contains).isEmpty();
        }
    }

    /**
     * Every late-close recording: each response was closed by the application longer than the minimum age
     * after it opened (the analyzer's "recovered").
     */
    @Test
    void lateCloseResponsesWereClosedPastTheMinimumAge() throws IOException {
        List<Path> truths = files("late-close.truth.json");
        assertThat(truths).isNotEmpty();
        for (Path t : truths) {
            TruthFile truth = TruthJson.read(t);
            RecordingSummary recorded = RecordingSummary.read(t.resolveSibling(truth.recording()));
            assertThat(truth.responses()).extracting(ResponseTruth::expected).containsOnly(Verdict.RECOVERED);
            Set<Long> ids = recorded.openedBySite.get(RecordingSummary.key(truth.responses().get(0).site()));
            assertThat(ids).as("opened in %s", t).hasSize(truth.responses().size());
            for (long id : ids) {
                assertThat(recorded.closedAt).as("closes in %s", t).containsKey(id);
                assertThat(Duration.between(recorded.openedAt.get(id), recorded.closedAt.get(id)).toMillis())
                        .as("open time of response %d in %s", id, t).isGreaterThanOrEqualTo(truth.minAgeMillis());
            }
        }
    }

    @Test
    void readmeIsGeneratedFromTheTruthFiles() throws IOException {
        String committed = Files.readString(ScenarioRuns.committed().resolve("README.md"));
        assertThat(committed).isEqualTo(ReadmeGenerator.generate(ScenarioRuns.committed()));
    }
}
