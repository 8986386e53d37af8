package dev.leakline.jmc.rules;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;

import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedCollectionResult;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.JfrRuleTopics;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.analysis.AnalysisOptions;

/**
 * JMC rule "HTTP response leaks": Leakline's verdicts in JDK Mission Control's automated analysis, its HTML rules
 * report ({@code JfrHtmlRulesReport}) and anything else that runs JMC's rules.
 *
 * <p>The rule adapts JMC's items to the verdict engine's records and renders the engine's findings; it decides
 * nothing itself. Its result is
 * <ul>
 * <li>WARNING when responses leaked (opened, then neither read to the end nor closed, and older than the minimum age
 * at the end of the recording), with a score that grows with their number and age (see {@link ResultRenderer});
 * <li>INFO when nothing leaked but something cost resources: responses finished late, read but never closed, closed
 * early at the cost of their connection, possibly leaked where events were lost, client threads left running;
 * <li>OK when every response finished;
 * <li>NA, with the reason, when the recording holds no Leakline events (or the minimum age is negative).
 * </ul>
 * Summary, explanation and solution name the top sites ({@code File.java:line}), their counts and ages; the leak
 * count, the top site and the oldest leak's age are typed results ({@link #LEAK_COUNT}, {@link #TOP_SITE},
 * {@link #OLDEST_LEAK}).
 *
 * <p>JMC finds the rule through {@code META-INF/services/org.openjdk.jmc.flightrecorder.rules.IRule}, on the class path
 * or, in the JMC application, through this bundle's class loader (its {@code plugin.xml} contributes to
 * {@code org.openjdk.jmc.flightrecorder.rules.ruleProvider}).
 */
public final class HttpResponseLeakRule implements IRule {
    /** The rule's id, stable: JMC keys its preferences and ignore settings by it. */
    public static final String ID = "LeaklineHttpResponseLeaks";
    /** The rule's name as JMC shows it. */
    public static final String NAME = "HTTP response leaks";

    /** How long a response may stay unfinished before it counts as leaked; the engine's default, 5 s. */
    public static final TypedPreference<IQuantity> MIN_AGE = new TypedPreference<>("leakline.minAge",
            "Minimum age of a leak",
            "How long an HTTP response may stay neither read to the end nor closed, at the end of the recording, before"
                    + " it counts as leaked. Younger ones are reported as in flight.",
            UnitLookup.TIMESPAN,
            UnitLookup.MILLISECOND.quantity(AnalysisOptions.DEFAULT_MIN_AGE.toMillis()));

    /** How many responses leaked (0 when none). */
    public static final TypedResult<IQuantity> LEAK_COUNT = new TypedResult<>("leakCount", "Leaked responses",
            "How many HTTP responses were opened, then neither read to the end nor closed.", UnitLookup.NUMBER,
            IQuantity.class);
    /** The application line with the most leaks, {@code Class.method(File.java:line)}; absent when none leaked. */
    public static final TypedResult<String> TOP_SITE = new TypedResult<>("topLeakSite", "Top leak site",
            "The application line that opened the most leaked responses.", UnitLookup.PLAIN_TEXT, String.class);
    /** How long the oldest leaked response had been open at the end of the recording; absent when none leaked. */
    public static final TypedResult<IQuantity> OLDEST_LEAK = new TypedResult<>("oldestLeak", "Oldest leak",
            "How long the oldest leaked response had been open at the end of the recording.", UnitLookup.TIMESPAN,
            IQuantity.class);
    /** The leak sites, most leaks first, with counts and ages, one line each; the explanation lists them. */
    public static final TypedCollectionResult<String> SITES = new TypedCollectionResult<>("leaklineSites",
            "Leak sites", "The application lines that opened leaked responses, with counts and ages.",
            UnitLookup.PLAIN_TEXT, String.class);
    /** The findings other than leaks (late finishes, unclosed responses, threads left running, lost events). */
    public static final TypedCollectionResult<String> OTHER_FINDINGS = new TypedCollectionResult<>(
            "leaklineOtherFindings", "Other findings",
            "What cost connections, threads or memory without being a leak, one sentence each.",
            UnitLookup.PLAIN_TEXT, String.class);

    private static final List<TypedPreference<?>> PREFERENCES = List.of(MIN_AGE);
    private static final List<TypedResult<?>> RESULTS = List.of(TypedResult.SCORE, LEAK_COUNT, TOP_SITE,
            OLDEST_LEAK, SITES, OTHER_FINDINGS);

    /** Creates the rule; JMC does it through the service loader. */
    public HttpResponseLeakRule() {
    }

    @Override
    public String getId() {
        return ID;
    }

    /**
     * Socket I/O: a leaked response pins a socket, and it is where JMC users look for connections (and where the
     * HTML report files the result).
     */
    @Override
    public String getTopic() {
        return JfrRuleTopics.SOCKET_IO;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /**
     * None: the rule runs on every recording, so that one without Leakline events gets the rule's own reason (how to
     * record them) instead of JMC's generic "rule ignored".
     */
    @Override
    public Map<String, EventAvailability> getRequiredEvents() {
        return Map.of();
    }

    @Override
    public RunnableFuture<IResult> createEvaluation(IItemCollection items, IPreferenceValueProvider preferences,
            IResultValueProvider dependencyResults) {
        return new FutureTask<>(() -> evaluate(items, preferences));
    }

    @Override
    public Collection<TypedPreference<?>> getConfigurationAttributes() {
        return PREFERENCES;
    }

    @Override
    public Collection<TypedResult<?>> getResults() {
        return RESULTS;
    }

    private IResult evaluate(IItemCollection items, IPreferenceValueProvider preferences) {
        IQuantity minAge = preferences.getPreferenceValue(MIN_AGE);
        long minAgeNanos = minAge == null ? AnalysisOptions.DEFAULT_MIN_AGE.toNanos()
                : minAge.clampedLongValueIn(UnitLookup.NANOSECOND);
        if (minAgeNanos < 0) {
            return ResultBuilder.createFor(this, preferences).setSeverity(Severity.NA)
                    .setSummary("The minimum age of a leak is negative (" + minAge.displayUsing("auto") + ").")
                    .setSolution("Set the rule's preference '" + MIN_AGE.getName()
                            + "' to zero or more; the default is 5 s.")
                    .build();
        }
        if (!ItemsReader.hasLeaklineEvents(items)) {
            return ResultBuilder.createFor(this, preferences).setSeverity(Severity.NA)
                    .setSummary("The recording holds no Leakline events, so HTTP response leaks cannot be judged.")
                    .setExplanation("Leakline writes leakline.ResponseOpened, ResponseDrained, ResponseClosed and"
                            + " ConnectionReleased events when the application runs with the Leakline library or"
                            + " agent and the recording enables them.")
                    .setSolution("Record with -XX:StartFlightRecording:settings=default,settings=<path>/leakline.jfc"
                            + " and the Leakline library or agent.")
                    .build();
        }
        AnalysisBuilder builder = new AnalysisBuilder(new AnalysisOptions(Duration.ofNanos(minAgeNanos), List.of(),
                List.of()));
        ItemsReader.read(items, builder);
        Analysis analysis = builder.finish(List.of(ItemsReader.SOURCE));
        return new ResultRenderer(this, preferences, analysis).render();
    }
}
