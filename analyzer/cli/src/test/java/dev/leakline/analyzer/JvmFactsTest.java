package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.analyzer.html.ReportModel;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.analyzer.report.ReportMapper;
import dev.leakline.engine.timeline.TimelineSeries;

/**
 * The JVM and Java version of each run, on bundled recordings of two JDKs, through the JSON and text output of the
 * real command line and through the HTML report's model. The expected values come from the JDK's own parser
 * ({@code jdk.jfr.consumer}), not from JMC, which the analyzer uses.
 */
class JvmFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"jdk17/java-net-http/four-cases-small.jfr, 17.", "jdk25/httpurlconnection/four-cases-small.jfr, 25."})
    void eachRunNamesItsJvmAndJavaVersion(String name, String major) throws Exception {
        Path file = Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("recordings").resolve(name)
                .normalize();
        RecordedEvent info = jdkParserEvent(file, "jdk.JVMInformation");
        String jvmName = info.getString("jvmName");
        String rawVersion = info.getString("jvmVersion");

        Cli.Result result = Cli.run("analyze", "--format", "json", file);
        assertThat(result.exitCode()).as(result.err()).isIn(0, 1);
        JsonNode run = JSON.readTree(result.out()).at("/recording/runs/0");
        assertThat(run.get("pid").asLong()).isEqualTo(info.getLong("pid"));
        assertThat(run.get("jvmName").asText()).isEqualTo(jvmName);
        String javaVersion = run.get("javaVersion").asText();
        assertThat(javaVersion).startsWith(major);
        assertThat(rawVersion).contains("JRE (" + javaVersion + ")");
        assertThat(rawVersion).startsWith(jvmName + " (" + run.get("jvmVersion").asText() + ")");
        String os = run.get("os").asText();
        assertThat(os).isNotBlank().doesNotContain("\n");
        assertThat(jdkParserEvent(file, "jdk.OSInformation").getString("osVersion")).contains(os);

        Cli.Result text = Cli.run("analyze", file);
        assertThat(text.out()).contains("\n    " + jvmName + " " + javaVersion + "\n    on " + os + "\n");

        Analysis analysis = new Analyzer(RecordingReader.jmc(), AnalysisOptions.defaults()).analyze(List.of(file));
        ReportModel.RecordingFacts facts = ReportMapper.reportModel(analysis,
                TimelineSeries.compute(ReportMapper.timelineInput(analysis), 40), Instant.now()).facts();
        assertThat(facts.jvm()).isEqualTo(jvmName + " " + run.get("jvmVersion").asText());
        assertThat(facts.jdk()).isEqualTo(javaVersion);
        assertThat(facts.other()).contains(new ReportModel.Fact("Operating system", os));
    }

    /** The first event of a type, as the JDK's own parser reads it. */
    private static RecordedEvent jdkParserEvent(Path file, String type) throws Exception {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals(type)) {
                    return event;
                }
            }
        }
        throw new AssertionError(file + " has no " + type);
    }
}
