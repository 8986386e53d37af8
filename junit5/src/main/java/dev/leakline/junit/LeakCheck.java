package dev.leakline.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that opens an HTTP response and finishes without reading its body to the end or closing
 * it; optionally, also a test that leaves threads running.
 *
 * <pre>{@code
 * @LeakCheck
 * class OrderClientTest { ... }
 *
 * @LeakCheck(threads = true, ignoreThreads = "my-metrics-.*")
 * class PerRequestClientTest { ... }
 * }</pre>
 *
 * <p>On a method, it replaces the class's annotation for that test. Attributes left at their
 * defaults take their values from the JUnit configuration parameters ({@code leakline.junit.*}, see
 * {@link LeakCheckExtension}), so a project can set them once in {@code junit-platform.properties}.
 *
 * <p>Only responses recorded through Leakline are seen: those of a client wrapped by a Leakline adapter
 * (or reported with {@code dev.leakline.jfr.Leakline.responseOpened}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(LeakCheckExtension.class)
public @interface LeakCheck {
    /**
     * Also fail when threads started during the test are still alive after it, apart from known JVM and
     * pool threads and {@link #ignoreThreads()}. Off by default (parameter {@code leakline.junit.threads}).
     */
    boolean threads() default false;

    /**
     * How long to wait after the test for responses closed asynchronously, such as {@code "200ms"} or
     * {@code "1s"}. Empty: parameter {@code leakline.junit.grace}, default {@code 200ms}.
     */
    String grace() default "";

    /**
     * How long to wait after the test for its threads to end, such as {@code "2s"}. Empty: parameter
     * {@code leakline.junit.threads.grace}, default {@code 1s}.
     */
    String threadGrace() default "";

    /**
     * Regular expressions over thread names (whole name) of threads that may outlive the test, added to
     * the built-in list and to parameter {@code leakline.junit.threads.ignore}.
     */
    String[] ignoreThreads() default {};
}
