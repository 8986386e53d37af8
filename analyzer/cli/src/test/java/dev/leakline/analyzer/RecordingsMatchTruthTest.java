package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.leakline.engine.threads.ThreadNames;

/**
 * For every bundled recording ({@code recordings/**}/NAME.jfr beside NAME.truth.json, see docs/truth-files.md), the
 * analyzer's verdicts per (site, verdict) and the client threads alive at the end equal what the scenario program
 * wrote down from its own bookkeeping.
 */
class RecordingsMatchTruthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path recordingsDir() {
        return Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("recordings").normalize();
    }

    @TestFactory
    Stream<DynamicTest> everyRecordingMatchesItsTruthFile() throws IOException {
        Path root = recordingsDir();
        List<Path> truths;
        try (Stream<Path> files = Files.exists(root) ? Files.walk(root) : Stream.empty()) {
            truths = files.filter(p -> p.getFileName().toString().endsWith(".truth.json"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .sorted().toList();
        }
        Assumptions.assumeFalse(truths.isEmpty(), "no truth files under " + root + " yet: nothing to check");
        return truths.stream().map(truth -> DynamicTest.dynamicTest(root.relativize(truth).toString(),
                () -> check(truth)));
    }

    /**
     * The text report of each bundled recording names, per case, the scenario's source line and the count of each
     * verdict there (the site line without its package, then the counts on the next line).
     */
    @TestFactory
    Stream<DynamicTest> textReportShowsEachCaseWithItsLineAndCounts() throws IOException {
        Path root = recordingsDir();
        List<Path> truths;
        try (Stream<Path> files = Files.exists(root) ? Files.walk(root) : Stream.empty()) {
            truths = files.filter(p -> p.getFileName().toString().endsWith(".truth.json"))
                    .filter(p -> !p.toString().contains("/target/")).sorted().toList();
        }
        Assumptions.assumeFalse(truths.isEmpty(), "no truth files under " + root + " yet: nothing to check");
        return truths.stream().map(truthFile -> DynamicTest.dynamicTest(root.relativize(truthFile).toString(), () -> {
            Assumptions.assumeTrue(Files.exists(truthFile), truthFile + " disappeared while the test ran");
            JsonNode truth = JSON.readTree(truthFile.toFile());
            Path recording = truthFile.resolveSibling(truth.path("recording").asText());
            Cli.Result result = Cli.run("analyze", "--min-age", truth.path("minAgeMillis").asLong(5000) + "ms",
                    recording);
            Map<String, Map<String, Long>> expected = new TreeMap<>();
            for (JsonNode response : truth.path("responses")) {
                String verdict = response.path("expected").asText();
                if (!verdict.equals("orphan")) {
                    expected.computeIfAbsent(response.path("site").asText(), s -> new TreeMap<>())
                            .merge(verdict.replace('_', ' '), 1L, Long::sum);
                }
            }
            List<String> lines = result.out().lines().toList();
            // 80 columns, except a single frame too long to fit even on its own line.
            assertThat(lines).as("lines over 80 columns").filteredOn(l -> l.length() > 80 && l.strip().contains(" "))
                    .isEmpty();
            expected.forEach((site, counts) -> {
                String typeAndMethod = site.substring(0, site.indexOf('('));
                int methodDot = typeAndMethod.lastIndexOf('.');
                String type = typeAndMethod.substring(0, methodDot);
                String shortSite = type.substring(type.lastIndexOf('.') + 1) + site.substring(methodDot);
                int at = lines.indexOf(shortSite);
                assertThat(at).as(shortSite + " as a line of\n" + result.out()).isNotNegative();
                assertThat(countsUnder(lines, at)).as("counts under " + shortSite + " in\n" + result.out())
                        .isEqualTo(counts);
            });
            // Client threads alive at the end, with the line that built the client, when the recording holds
            // their start.
            JsonNode json = JSON.readTree(Cli.run("analyze", "--format", "json", "--min-age",
                    truth.path("minAgeMillis").asLong(5000) + "ms", recording).out());
            for (JsonNode t : truth.path("threadsAliveAtEnd")) {
                String pattern = t.path("namePattern").asText();
                String site = t.path("site").asText();
                boolean startRecorded = false;
                for (JsonNode g : json.at("/threads/aliveAtEnd")) {
                    for (JsonNode frame : g.path("creatorFrames")) {
                        startRecorded |= g.path("namePattern").asText().equals(pattern) && frame.asText().equals(site);
                    }
                }
                if (startRecorded) {
                    String shortSite = shortFrame(site);
                    // "created at"/"called from" and the frame, on one line or (when too long) two.
                    assertThat(result.out()).as("threads of " + recording).containsPattern("    (created at|called from)"
                            + "( |\\n      )" + java.util.regex.Pattern.quote(shortSite) + "\\n");
                    assertThat(lines).anyMatch(l -> l.matches("\\d+ x " + java.util.regex.Pattern.quote(pattern)));
                }
            }
        }));
    }

    /**
     * The counts the text report prints under a site, as verdict to count: the lines after the site that are indented
     * (one, or more when it wraps), e.g. {@code leaked 3, closed unread 2 (connection pooled 2), clean 5}.
     */
    private static Map<String, Long> countsUnder(List<String> lines, int siteLine) {
        StringBuilder text = new StringBuilder();
        for (int i = siteLine + 1; i < lines.size() && lines.get(i).startsWith("  "); i++) {
            text.append(' ').append(lines.get(i).strip());
        }
        Map<String, Long> counts = new TreeMap<>();
        String withoutDetails = text.toString().replaceAll(" \\([^)]*\\)", "");
        for (String part : withoutDetails.split(",")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z][a-z ]*) (\\d+)").matcher(part.strip());
            assertThat(m.matches()).as("'" + part.strip() + "' as 'verdict count'").isTrue();
            counts.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        }
        return counts;
    }

    private static String shortFrame(String site) {
        String typeAndMethod = site.substring(0, site.indexOf('('));
        int methodDot = typeAndMethod.lastIndexOf('.');
        String type = typeAndMethod.substring(0, methodDot);
        return type.substring(type.lastIndexOf('.') + 1) + site.substring(methodDot);
    }

    private static void check(Path truthFile) throws IOException {
        // Another build may be regenerating the recordings right now; a truth file gone since the listing is not
        // the analyzer's failure.
        Assumptions.assumeTrue(Files.exists(truthFile), truthFile + " disappeared while the test ran");
        JsonNode truth = JSON.readTree(truthFile.toFile());
        Path recording = truthFile.resolveSibling(truth.path("recording").asText(
                truthFile.getFileName().toString().replace(".truth.json", ".jfr")));
        assertThat(recording).as("the recording beside " + truthFile).exists();
        long minAge = truth.path("minAgeMillis").asLong(5000);

        Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", minAge + "ms", recording);
        assertThat(result.exitCode()).as(result.err()).isIn(0, 1);
        JsonNode report = JSON.readTree(result.out());

        Map<String, Long> expected = new TreeMap<>();
        long expectedOrphans = 0;
        for (JsonNode response : truth.path("responses")) {
            String verdict = response.path("expected").asText();
            if (verdict.equals("orphan")) {
                expectedOrphans++;
            } else {
                expected.merge(response.path("site").asText() + " -> " + verdict, 1L, Long::sum);
            }
        }
        Map<String, Long> actual = new TreeMap<>();
        for (JsonNode site : report.path("sites")) {
            site.path("counts").fields().forEachRemaining(e -> {
                if (e.getValue().asLong() > 0) {
                    actual.put(site.path("site").asText() + " -> " + e.getKey(), e.getValue().asLong());
                }
            });
        }
        assertThat(actual).as("verdicts per (site, verdict) of " + recording).isEqualTo(expected);
        assertThat(report.at("/summary/orphans").asLong()).as("orphans of " + recording).isEqualTo(expectedOrphans);

        Map<String, Long> expectedThreads = new TreeMap<>();
        for (JsonNode t : truth.path("threadsAliveAtEnd")) {
            expectedThreads.merge(threadKey(t.path("namePattern").asText(), t.path("site")), t.path("count").asLong(),
                    Long::sum);
        }
        Map<String, Long> actualThreads = new TreeMap<>();
        java.util.Set<String> unnamed = new java.util.HashSet<>();
        for (JsonNode g : report.at("/threads/aliveAtEnd")) {
            String pattern = g.path("namePattern").asText();
            // The truth lists the client threads the scenario's code created (not the server's, not pool workers
            // the JDK starts from its own threads). Its site is the scenario line that built the client: one of the
            // creator's application frames (the first may be a newClient() helper).
            boolean listed = expectedThreads.keySet().stream().anyMatch(k -> k.startsWith(pattern + " @ "));
            boolean clientCreatedByApp = ThreadNames.clientOf(pattern) != null && !g.path("creatorSite").isNull();
            if (!listed && !clientCreatedByApp) {
                continue;
            }
            String site = "-";
            for (JsonNode frame : g.path("creatorFrames")) {
                String f = frame.asText();
                if (expectedThreads.containsKey(pattern + " @ " + f)) {
                    site = f;
                }
            }
            if (site.equals("-") && !g.path("creatorSite").isNull()) {
                site = g.path("creatorSite").asText();
            }
            if (site.equals("-") && g.path("startedBeforeRecording").asLong() == g.path("count").asLong()) {
                // Their jdk.ThreadStart is not in the recording (started before it, or in a lost chunk): the
                // recording cannot name the creator, so for them only the pattern and the count are compared.
                unnamed.add(pattern);
            }
            actualThreads.merge(pattern + " @ " + site, g.path("count").asLong(), Long::sum);
        }
        // The truth's site of a group whose creator the recording cannot name is not compared: it is replaced by
        // "-" on the expected side (never copied into the actual one).
        Map<String, Long> comparable = new TreeMap<>();
        expectedThreads.forEach((key, n) -> comparable.merge(
                unnamed.contains(key.substring(0, key.indexOf(" @ "))) ? key.substring(0, key.indexOf(" @ ")) + " @ -"
                        : key, n, Long::sum));
        assertThat(actualThreads).as("client threads alive at the end of " + recording).isEqualTo(comparable);
    }

    private static String threadKey(String pattern, JsonNode site) {
        return pattern + " @ " + (site == null || site.isNull() || site.isMissingNode() ? "-" : site.asText());
    }
}
