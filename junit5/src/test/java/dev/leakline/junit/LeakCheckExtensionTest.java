package dev.leakline.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.leakline.jfr.jdk.TrackedHttpClient;
import dev.leakline.junit.fixtures.BeforeEachLeakCases;
import dev.leakline.junit.fixtures.LifecycleCases;
import dev.leakline.junit.fixtures.LocalServer;
import dev.leakline.junit.fixtures.ParallelCases;
import dev.leakline.junit.fixtures.PlainCases;
import dev.leakline.junit.fixtures.ResponseCases;
import dev.leakline.junit.fixtures.Sites;
import dev.leakline.junit.fixtures.ThreadCases;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs the fixtures through a real Jupiter engine with the extension and asserts each test's outcome and
 * failure message. The fixtures send real requests to a server on 127.0.0.1 with the JDK adapter.
 */
class LeakCheckExtensionTest {
    /** How the failure names the JDK adapter's client. */
    private static final String JDK_CLIENT = "(java.net.http)";

    @BeforeAll
    static void startServer() throws Exception {
        LocalServer.start();
    }

    @AfterAll
    static void stopServer() {
        LocalServer.stop();
        ThreadCases.KEPT.forEach(client -> ((TrackedHttpClient) client).close()); // Ends their threads on JDK 21+.
        ThreadCases.KEPT.clear();
    }

    @BeforeEach
    void forgetSites() {
        Sites.clear();
    }

    @Test
    void aTestThatLeaksFailsWithTheOpeningLine() {
        Throwable failure = failureOf(run(ResponseCases.class, "leaksOnItsThread"), "leaksOnItsThread");

        assertThat(failure).isInstanceOf(ResponseLeakError.class);
        assertThat(failure.getMessage())
                .startsWith("Leakline: 1 leaked response at 1 site\n"
                        + "Response leaked: GET " + LocalServer.uri("/leak") + " " + JDK_CLIENT + ", opened at\n"
                        + "\tat " + Sites.of("leaksOnItsThread"))
                .endsWith("\nFix: Read the body to the end or close it on every path (try-with-resources).");
        // The error's own stack starts at the application's line, not inside the client or Leakline.
        assertThat(failure.getStackTrace()[0].toString()).isEqualTo(Sites.of("leaksOnItsThread"));
    }

    @Test
    void testsThatDrainOrCloseTheirResponsesPass() {
        Events tests = run(ResponseCases.class, "readsToTheEnd", "closesUnread");

        assertThat(outcomes(tests)).containsOnly(
                Map.entry("readsToTheEnd()", TestExecutionResult.Status.SUCCESSFUL),
                Map.entry("closesUnread()", TestExecutionResult.Status.SUCCESSFUL));
    }

    @Test
    void aResponseOpenedInBeforeEachAndClosedInAfterEachIsNotALeak() {
        Events tests = run(LifecycleCases.class, "usesTheResponseOpenedBeforeIt");

        assertThat(outcomes(tests)).containsOnly(
                Map.entry("usesTheResponseOpenedBeforeIt()", TestExecutionResult.Status.SUCCESSFUL));
    }

    @Test
    void aResponseLeakedByBeforeEachFailsTheTest() {
        Throwable failure = failureOf(run(BeforeEachLeakCases.class, "doesNothing"), "doesNothing");

        assertThat(failure).isInstanceOf(ResponseLeakError.class)
                .hasMessageContaining("\tat " + Sites.of("beforeEach.open"));
    }

    @Test
    void aResponseClosedWithinTheGracePeriodIsNotALeak() {
        Events tests = run(ResponseCases.class, "closesAfterTheTestReturns");

        assertThat(outcomes(tests)).containsOnly(
                Map.entry("closesAfterTheTestReturns()", TestExecutionResult.Status.SUCCESSFUL));
    }

    @Test
    void aLeakOnAnotherThreadIsCaught() {
        Throwable failure = failureOf(run(ResponseCases.class, "leaksOnAnotherThread"), "leaksOnAnotherThread");

        assertThat(failure).isInstanceOf(ResponseLeakError.class);
        assertThat(failure.getMessage())
                .startsWith("Leakline: 1 leaked response at 1 site\n"
                        + "Response leaked: GET " + LocalServer.uri("/leak-elsewhere") + " " + JDK_CLIENT)
                .contains("\tat " + Sites.of("leaksOnAnotherThread"))
                .contains("on thread \"fixture-sender\"");
    }

    @Test
    void aClientPerRequestLeftOpenFailsTheThreadCheck() {
        Throwable failure = failureOf(run(ThreadCases.class, "clientPerRequestLeftOpen"), "clientPerRequestLeftOpen");

        assertThat(failure).isInstanceOf(ThreadLeakError.class);
        assertThat(failure.getMessage())
                .containsPattern("Thread leaked: \"HttpClient-\\d+-SelectorManager\" \\(daemon\\), started at\n")
                .contains("\tat " + Sites.of("clientPerRequestLeftOpen"));
    }

    @Test
    void threadsMatchingTheUsersPatternsMayOutliveTheTest() {
        Events tests = run(ThreadCases.class, "clientPerRequestLeftOpenButIgnored");

        assertThat(outcomes(tests)).containsOnly(
                Map.entry("clientPerRequestLeftOpenButIgnored()", TestExecutionResult.Status.SUCCESSFUL));
    }

    @Test
    void aClientPerRequestThatIsClosedPassesTheThreadCheck() {
        Events tests = run(ThreadCases.class, "clientPerRequestClosed");

        assertThat(outcomes(tests)).containsOnly(
                Map.entry("clientPerRequestClosed()", TestExecutionResult.Status.SUCCESSFUL));
    }

    @Test
    void inParallelOnlyTheTestsThatLeakFail() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "3")
                .selectors(selectClass(ParallelCases.class))
                .execute().testEvents();

        assertThat(outcomes(tests)).containsOnly(
                Map.entry("leaksOnItsThread()", TestExecutionResult.Status.FAILED),
                Map.entry("closes()", TestExecutionResult.Status.SUCCESSFUL),
                Map.entry("leaksOnAThreadItStarts()", TestExecutionResult.Status.FAILED));
        // Each failure names its own response only, although the three were open at the same time.
        assertThat(failureOf(tests, "leaksOnItsThread").getMessage())
                .contains("\tat " + Sites.of("parallel.leaksOnItsThread"))
                .doesNotContain("/parallel-elsewhere").doesNotContain("/parallel-close");
        assertThat(failureOf(tests, "leaksOnAThreadItStarts").getMessage())
                .contains("\tat " + Sites.of("parallel.leaksOnAThreadItStarts"))
                .doesNotContain("/parallel-leak").doesNotContain("/parallel-close");
    }

    @Test
    void autoDetectionChecksTestsWithoutTheAnnotation() {
        Events detected = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(PlainCases.class))
                .execute().testEvents();
        Events notDetected = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PlainCases.class))
                .execute().testEvents();

        assertThat(failureOf(detected, "leaks")).isInstanceOf(ResponseLeakError.class)
                .hasMessageContaining("\tat " + Sites.of("plain.leaks"));
        assertThat(outcomes(notDetected)).containsOnly(Map.entry("leaks()", TestExecutionResult.Status.SUCCESSFUL));
    }

    @Test
    void aBadDurationFailsTheTestWithTheFix() {
        Throwable failure = failureOf(run(ResponseCases.class, "badGrace"), "badGrace");

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Leakline: cannot read 'soon' as a duration (@LeakCheck(grace) or parameter "
                        + "leakline.junit.grace); write it like \"200ms\" or \"2s\"");
    }

    private static Events run(Class<?> fixture, String... methods) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter");
        for (String method : methods) {
            builder.selectors(selectMethod(fixture, method));
        }
        return builder.execute().testEvents();
    }

    private static Map<String, TestExecutionResult.Status> outcomes(Events tests) {
        return tests.finished().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(),
                e -> e.getRequiredPayload(TestExecutionResult.class).getStatus()));
    }

    private static Throwable failureOf(Events tests, String method) {
        Event finished = tests.finished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(method + "()"))
                .findFirst().orElseThrow(() -> new AssertionError(method + " did not run"));
        TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
        Optional<Throwable> thrown = result.getThrowable();
        assertThat(result.getStatus()).as(method + " outcome").isEqualTo(TestExecutionResult.Status.FAILED);
        return thrown.orElseThrow();
    }
}
