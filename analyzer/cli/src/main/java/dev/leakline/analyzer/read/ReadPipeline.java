package dev.leakline.analyzer.read;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reading (JMC's parse of each chunk and the conversion into records) on its own thread while the caller's
 * thread hands the records to the listener (the engine), so the two use two CPUs: the parser goes on with the rest of
 * a chunk, and on to the next chunk, while the engine takes the records already converted.
 *
 * <p>The listener sees exactly the calls, in exactly the order, that reading on one thread gives: everything the
 * reading side says goes through one queue, in batches. Memory stays bounded: the queue holds at most
 * {@link #BATCHES} batches of {@link #BATCH} calls (a few MB of records), and the reading side waits when it is full;
 * the parser still holds one chunk at a time.
 *
 * <p>What the listener throws is the caller's, as before: an exception from one record is held until the end of its
 * chunk's records and then reported as an internal error of that chunk (as {@link ChunkSinks} did when the engine ran
 * on the parser's thread), the heap running out while a chunk is read is reported as that chunk needing more memory,
 * and anything else ends the reading at once. The reading side is then stopped.
 */
final class ReadPipeline {
    /** Calls per batch: enough that handing a batch over costs nothing per record. */
    static final int BATCH = 1024;
    /** Batches in flight. */
    static final int BATCHES = 8;

    /** What the reading side does, given where to say it. */
    @FunctionalInterface
    interface Reading {
        void readInto(Handoff handoff) throws BadInputException;
    }

    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(BATCHES);
    private volatile boolean stopped;

    private ReadPipeline() {
    }

    /** Reads on a new thread, delivering to {@code listener} on this one; returns when both are done. */
    static void run(Reading reading, RecordingListener listener) throws BadInputException {
        new ReadPipeline().runWith(reading, listener);
    }

    private void runWith(Reading reading, RecordingListener listener) throws BadInputException {
        Handoff handoff = new Handoff();
        Thread reader = new Thread(() -> {
            Throwable failure = null;
            try {
                reading.readInto(handoff);
            } catch (Throwable t) { // handed to the caller's thread, which rethrows it
                failure = t;
            }
            try {
                handoff.end(failure);
            } catch (Stopped e) {
                // the caller has stopped taking: nobody waits for the end
            }
        }, "leakline-reader");
        reader.setDaemon(true); // never keeps the JVM alive (as the chunk parser's thread)
        reader.start();
        boolean done = false;
        try {
            deliverAll(listener);
            done = true;
        } finally {
            if (!done) {
                stopped = true;
                reader.interrupt();
                queue.clear();
            }
            try {
                // The reading side deletes its temporary files as it ends; give it the moment that takes.
                reader.join(done ? 0 : 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deliverAll(RecordingListener listener) throws BadInputException {
        ChunkStarted chunk = null;
        RuntimeException eventFailure = null;
        while (true) {
            List<Object> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException("interrupted while reading", e);
            }
            for (Object call : batch) {
                try {
                    if (call instanceof RecordedEvent event) {
                        try {
                            listener.onEvent(event);
                        } catch (RuntimeException e) {
                            // A bug downstream, not damage in the file: kept apart, reported as an internal error.
                            if (eventFailure == null) {
                                eventFailure = e;
                            }
                        }
                    } else if (call instanceof ChunkStarted started) {
                        chunk = started;
                    } else if (call instanceof ChunkEnded ended) {
                        if (eventFailure != null) {
                            throw new IllegalStateException("analyzing chunk " + ended.index + " of " + ended.source
                                    + " failed", eventFailure);
                        }
                    } else if (call instanceof ChunkFacts facts) {
                        listener.onChunk(facts);
                    } else if (call instanceof Warning warning) {
                        listener.onWarning(warning.message);
                    } else if (call instanceof Progress progress) {
                        listener.onProgress(progress.source, progress.bytesDone, progress.bytesTotal);
                    } else if (call instanceof End end) {
                        rethrow(end.failure);
                        return;
                    }
                } catch (OutOfMemoryError e) {
                    // When the engine ran on the parser's thread, the heap ran out while a chunk was parsed, and the
                    // user was told that chunk needs more memory (exit 2). Now either thread may be the one that
                    // finds the heap full, at any point of the reading: it is still the chunk being read.
                    if (chunk != null) {
                        stopped = true;
                        queue.clear(); // room for the message; the reading side is stopped on the way out
                        throw new BadInputException(notEnoughMemory(chunk.source, chunk.index, chunk.size), e);
                    }
                    throw e;
                }
            }
        }
    }

    private static void rethrow(Throwable failure) throws BadInputException {
        if (failure == null) {
            return;
        }
        if (failure instanceof BadInputException bad) {
            throw bad;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /** The message for a chunk the heap could not hold, wherever the heap ran out. */
    static String notEnoughMemory(String source, int index, long size) {
        long gigabytes = 4 * size / (1024 * 1024 * 1024) + 1;
        return source + ": not enough memory to parse chunk " + index + " (" + size / (1024 * 1024)
                + " MB); give the analyzer more heap (-Xmx" + gigabytes + "g; with ./leakline: LEAKLINE_JAVA_OPTS=-Xmx"
                + gigabytes + "g)";
    }

    /**
     * The reading side's listener: queues every call. Used by one thread at a time (the reader's, and the chunk
     * parser's it waits for), so the batch needs no lock of its own.
     */
    final class Handoff implements RecordingListener {
        private List<Object> batch = new ArrayList<>(BATCH);

        @Override
        public void onEvent(RecordedEvent event) {
            add(event);
        }

        @Override
        public void onChunk(ChunkFacts chunk) {
            add(chunk);
        }

        @Override
        public void onWarning(String message) {
            add(new Warning(message));
        }

        @Override
        public void onProgress(String source, long bytesDone, long bytesTotal) {
            add(new Progress(source, bytesDone, bytesTotal));
        }

        /**
         * A chunk's reading begins: the heap running out from here until the next chunk begins is reported as this
         * chunk needing more memory.
         */
        void chunkStarted(String source, int index, long size) {
            add(new ChunkStarted(source, index, size));
        }

        /** All the chunk's records were handed over: an exception the listener threw on one is reported now. */
        void chunkEnded(String source, int index) {
            add(new ChunkEnded(source, index));
            flush(); // the engine can take the chunk's last records while the next chunk's constant pools are read
        }

        void end(Throwable failure) {
            add(new End(failure));
            flush();
        }

        private void add(Object call) {
            batch.add(call);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        throw new Stopped();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
            batch = new ArrayList<>(BATCH);
        }
    }

    /** The caller stopped taking records (it failed): the reading side gives up. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the reading was stopped", null, false, false);
        }
    }

    private record Warning(String message) {
    }

    private record Progress(String source, long bytesDone, long bytesTotal) {
    }

    private record ChunkStarted(String source, int index, long size) {
    }

    private record ChunkEnded(String source, int index) {
    }

    private record End(Throwable failure) {
    }
}
