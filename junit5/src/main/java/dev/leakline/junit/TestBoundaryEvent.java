package dev.leakline.junit;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code leakline.junit.TestBoundary}: a test began or ended. Written on the test's thread, so the window
 * it marks is on the same clock as the response events it is compared with.
 */
@Name("leakline.junit.TestBoundary")
@Label("Test Boundary")
@Category({"Leakline", "JUnit"})
@Description("A test checked by the Leakline JUnit extension began or ended")
@StackTrace(false)
final class TestBoundaryEvent extends Event {
    static final String NAME = "leakline.junit.TestBoundary";

    @Label("Test Run")
    @Description("Identifies one execution of one test within the JVM run")
    long run;

    @Label("End")
    @Description("False when the test began, true when it ended")
    boolean end;

    static void commit(long run, boolean end) {
        TestBoundaryEvent event = new TestBoundaryEvent();
        event.run = run;
        event.end = end;
        event.commit();
    }
}
