package dev.leakline.analyzer;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;

/**
 * Runs in a child JVM started by {@link TwoJvmRunsTest}: each JVM numbers its responses from 1, so two of them
 * produce the same response ids.
 */
public final class ChildJvmScenario {
    private ChildJvmScenario() {
    }

    public static void main(String[] args) throws InterruptedException {
        TrackedResponse response = Leakline.responseOpened("c", 0, "GET", "http://h/" + args[0], 200, "HTTP/1.1", 1);
        if (response.id() != 1) {
            throw new IllegalStateException("expected the first response id to be 1, was " + response.id());
        }
        if (args[0].equals("close")) {
            response.closed(Actor.APPLICATION);
        }
        Thread.sleep(Long.parseLong(args[1]));
    }
}
