package dev.leakline.scenarios;

import jdk.jfr.Recording;

/** Ends the current JFR chunk, the way any recording's start or stop does. */
final class Chunks {
    private Chunks() {
    }

    static void rotate() {
        try (Recording r = new Recording()) {
            r.start();
            r.stop();
        }
    }
}
