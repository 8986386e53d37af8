package dev.leakline.jmc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every committed recording with a truth file, through the rule as JMC runs it: the leak count is the truth file's,
 * the top site is one of the truth file's sites with the most leaks, and the result is a warning exactly when
 * something leaked. This is what shows the adapter from JMC's items hands the engine the same events as the command
 * line's reader: the verdicts come out as the truth files say, for every client, scenario and JDK.
 */
class CommittedRecordingsTest {
    private static final Path RECORDINGS = Path.of(System.getProperty("leakline.repoRoot", "../.."))
            .resolve("recordings").normalize();

    static Stream<Path> truthFiles() throws IOException {
        Stream<Path> files = Files.walk(RECORDINGS).filter(p -> p.toString().endsWith(".truth.json")).sorted();
        return files.map(p -> RECORDINGS.relativize(p));
    }

    @ParameterizedTest
    @MethodSource("truthFiles")
    void leakCountAndTopSiteAreTheTruthFiles(Path truthFile) throws Exception {
        JsonNode truth = new ObjectMapper().readTree(RECORDINGS.resolve(truthFile).toFile());
        Path recording = RECORDINGS.resolve(truthFile).resolveSibling(truth.get("recording").asText());
        Map<String, Long> leaksPerSite = new HashMap<>();
        for (JsonNode response : truth.get("responses")) {
            if ("leaked".equals(response.get("expected").asText())) {
                leaksPerSite.merge(response.get("site").asText(), 1L, Long::sum);
            }
        }
        long leaked = leaksPerSite.values().stream().mapToLong(Long::longValue).sum();
        long most = leaksPerSite.values().stream().mapToLong(Long::longValue).max().orElse(0);

        IRule rule = new HttpResponseLeakRule();
        Future<IResult> future = RulesToolkit.evaluateParallel(java.util.List.of(rule),
                JfrLoaderToolkit.loadEvents(recording.toFile()), IPreferenceValueProvider.DEFAULT_VALUES, 1).get(rule);
        IResult result = future.get(2, TimeUnit.MINUTES);

        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isEqualTo(leaked);
        if (leaked > 0) {
            assertThat(result.getSeverity()).isEqualTo(Severity.WARNING);
            String top = result.getResult(HttpResponseLeakRule.TOP_SITE);
            assertThat(leaksPerSite).containsEntry(top, most);
        } else {
            assertThat(result.getSeverity()).isIn(Severity.OK, Severity.INFO);
            assertThat(result.getResult(HttpResponseLeakRule.TOP_SITE)).isNull();
        }
    }
}
