package dev.leakline.jfr.httpclient4;

import dev.leakline.jfr.Actor;

/**
 * Why a connection whose response was neither drained nor closed is being closed, found by looking at who
 * called: the application's {@code CloseableHttpResponse.close()} (which in 4.5 bypasses the entity and
 * shuts the connection, so Leakline sees it only here) or {@code abort()} of the request, the end of the body
 * on a connection that cannot be kept alive, or the client on its own (a failed read). Only walks the stack
 * on that rare path.
 */
@FunctionalInterface
interface ReleaseCause {
    /** The caller of {@code releaseConnection} looked at lazily. */
    ReleaseCause FROM_STACK = ReleaseCause::fromStack;

    /** Who ended the response; {@code null} when the body reached its end (drained, not closed). */
    Actor of();

    private static Actor fromStack() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(f -> classify(f.getClassName(), f.getMethodName()))
                .filter(s -> s != Step.OTHER)
                .findFirst()
                .orElse(Step.LIBRARY)).actor;
    }

    private static Step classify(String className, String method) {
        if (className.endsWith(".ResponseEntityProxy") && method.equals("eofDetected")) {
            return Step.END_OF_BODY;
        }
        if (className.endsWith(".HttpResponseProxy") && method.equals("close")) {
            return Step.APPLICATION;
        }
        if (className.startsWith("org.apache.http.client.methods.") && method.equals("abort")) {
            return Step.APPLICATION;
        }
        return Step.OTHER;
    }

    /** What a frame on the stack says. */
    enum Step {
        END_OF_BODY(null), APPLICATION(Actor.APPLICATION), LIBRARY(Actor.LIBRARY), OTHER(null);

        final Actor actor;

        Step(Actor actor) {
            this.actor = actor;
        }
    }
}
