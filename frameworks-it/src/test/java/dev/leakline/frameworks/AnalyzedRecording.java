package dev.leakline.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakline.analyzer.cli.LeaklineCommand;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Runs application code under a real in-process JFR recording with the shipped {@code leakline.jfc}, then analyzes the
 * file with the real {@code leakline analyze --format json}, with no site option at all, as a user would.
 */
final class AnalyzedRecording {
    /**
     * How long a response must stay open to count as leaked. Short so the tests wait little; the correct calls finish
     * in milliseconds, far below it.
     */
    static final Duration MIN_AGE = Duration.ofSeconds(2);

    /** Code that runs while recording. */
    interface Body {
        void run() throws Exception;
    }

    private final JsonNode report;
    private final Map<String, JsonNode> sites = new LinkedHashMap<>();

    private AnalyzedRecording(JsonNode report) {
        this.report = report;
        for (JsonNode site : report.get("sites")) {
            sites.put(site.get("site").asText(), site);
        }
    }

    /**
     * Records {@code body}, waits until the responses it leaked are older than {@link #MIN_AGE} (the analyzer judges at
     * the end of the recording), and analyzes the file.
     */
    static AnalyzedRecording of(Path dir, Body body) throws Exception {
        return analyze(record(dir, body));
    }

    /** Records {@code body} and waits as {@link #of} does; returns the recording file. */
    static Path record(Path dir, Body body) throws Exception {
        Configuration config;
        try (Reader reader = new InputStreamReader(
                AnalyzedRecording.class.getResourceAsStream("/dev/leakline/jfr/leakline.jfc"),
                StandardCharsets.UTF_8)) {
            config = Configuration.create(reader);
        } catch (ParseException e) {
            throw new IOException(e);
        }
        Path file = dir.resolve("frameworks.jfr");
        try (Recording recording = new Recording(config)) {
            recording.start();
            body.run();
            Thread.sleep(MIN_AGE.toMillis() + 300);
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** {@code leakline analyze --format json} on the file, with {@code options} (none by default). */
    static AnalyzedRecording analyze(Path file, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        args.addAll(List.of(options));
        return new AnalyzedRecording(new ObjectMapper().readTree(leakline(file, args)));
    }

    /**
     * Runs {@code leakline} with {@code args}, the minimum age and the file, and returns what it printed; the run
     * must exit with 1 (leaks found).
     */
    static String leakline(Path file, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--min-age", MIN_AGE.toMillis() + "ms", file.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LeaklineCommand.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all.toArray(new String[0]));
        assertThat(exit).as("exit code of %s (1 = leaks found); stderr: %s", all, err).isEqualTo(1);
        return out.toString();
    }

    /** The options the report says it used. */
    JsonNode options() {
        return report.get("options");
    }

    /** Every site's name, as the report names it. */
    Map<String, JsonNode> sites() {
        return sites;
    }

    /** The sites with at least one leaked response, with their counts. */
    Map<String, Long> leakedBySite() {
        Map<String, Long> leaked = new LinkedHashMap<>();
        sites.forEach((name, site) -> {
            long n = site.get("counts").get("leaked").asLong();
            if (n > 0) {
                leaked.put(name, n);
            }
        });
        return leaked;
    }

    /** The site's count for one verdict ({@code leaked}, {@code clean}, ...); 0 when the site is absent. */
    long count(String site, String verdict) {
        JsonNode node = sites.get(site);
        return node == null ? 0 : node.get("counts").get(verdict).asLong();
    }

    /** Responses at the site with any verdict but clean. */
    long problems(String site) {
        JsonNode node = sites.get(site);
        if (node == null) {
            return 0;
        }
        long n = 0;
        var fields = node.get("counts").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getKey().equals("clean")) {
                n += e.getValue().asLong();
            }
        }
        return n;
    }

    /** The whole JSON report, for failure messages. */
    String json() {
        return report.toPrettyString();
    }
}
