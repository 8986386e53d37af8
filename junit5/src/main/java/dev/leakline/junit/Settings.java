package dev.leakline.junit;

import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The knobs of one test: from its nearest {@link LeakCheck} (method, then class, then enclosing classes),
 * then from the {@code leakline.junit.*} configuration parameters, then the defaults. Bad values fail the
 * test with a message that names the parameter and a valid example.
 */
final class Settings {
    static final String GRACE = "leakline.junit.grace";
    static final String THREADS = "leakline.junit.threads";
    static final String THREAD_GRACE = "leakline.junit.threads.grace";
    static final String THREADS_IGNORE = "leakline.junit.threads.ignore";

    static final Duration DEFAULT_GRACE = Duration.ofMillis(200);
    static final Duration DEFAULT_THREAD_GRACE = Duration.ofSeconds(1);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s)?");

    private final Duration grace;
    private final boolean threads;
    private final Duration threadGrace;
    private final ThreadFilter threadFilter;

    private Settings(Duration grace, boolean threads, Duration threadGrace, ThreadFilter threadFilter) {
        this.grace = grace;
        this.threads = threads;
        this.threadGrace = threadGrace;
        this.threadFilter = threadFilter;
    }

    static Settings of(ExtensionContext context) {
        Optional<LeakCheck> annotation = nearestAnnotation(context);
        String grace = annotation.map(LeakCheck::grace).filter(s -> !s.isEmpty())
                .or(() -> context.getConfigurationParameter(GRACE)).orElse(null);
        String threadGrace = annotation.map(LeakCheck::threadGrace).filter(s -> !s.isEmpty())
                .or(() -> context.getConfigurationParameter(THREAD_GRACE)).orElse(null);
        boolean threads = annotation.map(LeakCheck::threads).orElse(false)
                || context.getConfigurationParameter(THREADS, Boolean::parseBoolean).orElse(false);
        List<String> ignore = new ArrayList<>();
        context.getConfigurationParameter(THREADS_IGNORE).ifPresent(list -> {
            for (String item : list.split(",")) {
                if (!item.isBlank()) {
                    ignore.add(item.trim());
                }
            }
        });
        annotation.ifPresent(a -> ignore.addAll(List.of(a.ignoreThreads())));
        return new Settings(
                grace == null ? DEFAULT_GRACE : duration(grace, "grace", GRACE),
                threads,
                threadGrace == null ? DEFAULT_THREAD_GRACE : duration(threadGrace, "threadGrace", THREAD_GRACE),
                new ThreadFilter(patterns(ignore)));
    }

    /** How long to wait after the test for asynchronous closes. */
    Duration grace() {
        return grace;
    }

    /** Whether to check threads at all. */
    boolean threads() {
        return threads;
    }

    /** How long to wait after the test for its threads to end. */
    Duration threadGrace() {
        return threadGrace;
    }

    ThreadFilter threadFilter() {
        return threadFilter;
    }

    /** Reads {@code 200ms}, {@code 2s} or a bare number of milliseconds. */
    static Duration duration(String text, String attribute, String parameter) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new ExtensionConfigurationException("Leakline: cannot read '" + text + "' as a duration (@LeakCheck("
                    + attribute + ") or parameter " + parameter + "); write it like \"200ms\" or \"2s\"");
        }
        long amount = Long.parseLong(m.group(1));
        return "s".equals(m.group(2)) ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
    }

    private static List<Pattern> patterns(List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : regexes) {
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new ExtensionConfigurationException("Leakline: '" + regex + "' in @LeakCheck(ignoreThreads) or "
                        + THREADS_IGNORE + " is not a regular expression: " + e.getDescription()
                        + "; write it like \"my-pool-\\\\d+\"", e);
            }
        }
        return patterns;
    }

    private static Optional<LeakCheck> nearestAnnotation(ExtensionContext context) {
        Optional<LeakCheck> onMethod = context.getTestMethod().flatMap(m -> find(m));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<LeakCheck> found = find(c);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<LeakCheck> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, LeakCheck.class);
    }
}
