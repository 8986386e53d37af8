package dev.leakline.analyzer.threads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

import jdk.jfr.Recording;

/**
 * Runs in a child JVM started by {@link ThreadEndsDuringChunkRotationTest}, so that every thread started during the
 * recording is one of its own: {@code keepers} threads that stay alive past the end of the recording, {@code workers}
 * threads that end a few at a time while a rotator thread forces chunk rotations (each start and stop of a second
 * recording rotates the chunk), and that rotator. Arguments: file, workers, keepers.
 */
public final class ThreadEndsDuringRotationScenario {
    /** Workers released per step; a step every millisecond spreads the ends over the rotations. */
    private static final int BATCH = 4;

    private ThreadEndsDuringRotationScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int workers = Integer.parseInt(args[1]);
        int keepers = Integer.parseInt(args[2]);
        CountDownLatch never = new CountDownLatch(1);
        Semaphore release = new Semaphore(0);
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ThreadStart");
            recording.enable("jdk.ThreadEnd");
            recording.enable("jdk.JVMInformation").with("period", "beginChunk");
            recording.start();
            for (int i = 0; i < keepers; i++) {
                Thread keeper = new Thread(() -> await(never), "race-keeper-" + i);
                keeper.setDaemon(true); // alive when the recording stops; the JVM exits without waiting for it
                keeper.start();
            }
            List<Thread> started = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Thread worker = new Thread(release::acquireUninterruptibly, "race-worker-" + i);
                worker.start();
                started.add(worker);
            }
            Thread rotator = new Thread(() -> {
                for (int i = 0; i < workers / BATCH; i++) {
                    try (Recording rotation = new Recording()) {
                        rotation.start();
                        rotation.stop();
                    }
                }
            }, "race-rotator");
            rotator.start();
            for (int i = 0; i < workers; i += BATCH) {
                release.release(BATCH);
                Thread.sleep(1);
            }
            for (Thread worker : started) {
                worker.join();
            }
            rotator.join();
            recording.stop();
            recording.dump(file);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
