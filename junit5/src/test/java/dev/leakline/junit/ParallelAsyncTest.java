package dev.leakline.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.leakline.junit.fixtures.LocalServer;
import dev.leakline.junit.fixtures.ParallelAsyncCases;
import dev.leakline.junit.fixtures.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Issue 12: a {@code sendAsync} leak in parallel tests is caught in every repetition, at the test's own line, and
 * the correct calls running beside it pass. (A repeated test, not a timed one: twenty chances to miss it.)
 */
class ParallelAsyncTest {
    private static final Pattern LEAKED_PATH = Pattern.compile("Response leaked: GET \\S+/async-leak-(\\d+) ");

    @BeforeAll
    static void startServer() throws Exception {
        LocalServer.start();
        Sites.clear();
    }

    @AfterAll
    static void stopServer() {
        LocalServer.stop();
    }

    @Test
    void everyRepetitionOfTheAsyncLeakFailsAtItsOwnLineAndTheCorrectOnesPass() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(ParallelAsyncCases.class))
                .execute().testEvents();

        String site = Sites.of("async.leaksAsync");
        List<Integer> caught = new ArrayList<>();
        int passed = 0;
        int lostUris = 0;
        for (Event finished : tests.finished().list()) {
            String id = finished.getTestDescriptor().getUniqueId().toString();
            TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
            if (id.contains("closesAsync")) {
                assertThat(result.getStatus()).as("%s: %s", id, result.getThrowable())
                        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
                passed++;
                continue;
            }
            assertThat(result.getStatus()).as(id).isEqualTo(TestExecutionResult.Status.FAILED);
            String message = result.getThrowable().orElseThrow().getMessage();
            assertThat(message).as(id).contains("\tat " + site).doesNotContain("/async-close-");
            if (message.contains("GET ? (java.net.http)")) {
                // JDK 17 can lose a repeated pooled string after a chunk rotation (docs/recording.md; the extension
                // rotates a chunk per test): the leak is still caught at its own line, only its URI is unknown.
                lostUris++;
                continue;
            }
            Matcher leaked = LEAKED_PATH.matcher(message);
            assertThat(leaked.find()).as("a leaked response in %s", message).isTrue();
            caught.add(Integer.parseInt(leaked.group(1)));
            assertThat(leaked.find()).as("only its own response in %s", message).isFalse();
        }
        assertThat(passed).isEqualTo(ParallelAsyncCases.REPETITIONS);
        assertThat(caught.size() + lostUris).isEqualTo(ParallelAsyncCases.REPETITIONS);
        assertThat(caught).doesNotHaveDuplicates()
                .allMatch(n -> n >= 1 && n <= ParallelAsyncCases.REPETITIONS);
    }
}
