package dev.leakline.analyzer.read;

import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.RecordingListener;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.internal.FlightRecordingLoader;
import org.openjdk.jmc.flightrecorder.internal.IChunkSupplier;
import org.openjdk.jmc.flightrecorder.internal.parser.Chunk;

/**
 * Reads recordings with JDK Mission Control's parser, one chunk at a time.
 *
 * <p>We split the file into chunks ourselves (see {@link ChunkHeader}) and give each to
 * {@link FlightRecordingLoader#readChunks}, with a parser extension ({@link ChunkSinks}) that converts the events we
 * need into our records and swallows everything, so JMC's own item collection stays empty. Memory is then bounded by
 * one chunk, and a damaged chunk costs only itself. The reading runs on a thread of its own, the records going to the
 * listener on the caller's ({@link ReadPipeline}).
 */
final class JmcRecordingReader implements RecordingReader {
    /**
     * JMC's loggers, held so the level set here stays (loggers are weakly referenced). JMC logs through
     * java.util.logging, whose default handler prints on stderr beside our report (e.g. "Could not find field with
     * name 'virtual'" for every JDK 25 recording, or a line per damaged event); what it would say about damage, we
     * say ourselves as one warning per chunk.
     */
    private static final Logger JMC_LOGGER = Logger.getLogger("org.openjdk.jmc");
    /** Overrides the time one chunk may take to parse, in seconds (for tests); by default it grows with the chunk. */
    private static final String CHUNK_SECONDS_PROPERTY = "leakline.chunkTimeoutSeconds";
    /** The largest chunk JMC can hold: it keeps a chunk in one array. */
    private static final long MAX_CHUNK = Integer.MAX_VALUE - 16;

    /** Chunks already read (start time and size), so a chunk given twice (a dump and its repository) counts once. */
    private final java.util.Set<String> seenChunks = new java.util.HashSet<>();
    /** Repository runs named in the message when a repository root holds several. */
    private static final int MAX_RUNS_NAMED = 5;
    /** Which JVM wrote which chunk, across every input of this reader. */
    private final RunIdentities runs = new RunIdentities();
    private final ChunkBuffer chunkBuffer = new ChunkBuffer();
    /** The stacks records share across chunks (JMC gives each chunk its own). */
    private final SharedStacks sharedStacks = new SharedStacks();

    /** Whether events we do not need are hidden from JMC ({@link UnneededEvents}); on unless the property says no. */
    private final boolean hideUnneeded;

    /** Whether Leakline's events are decoded here rather than by JMC ({@link DirectEvents}; needs the hiding). */
    private final boolean decodeEvents;

    /** Events hidden from JMC so far, over every chunk this reader read. */
    private volatile long hiddenEvents;
    /** Events decoded here so far ({@link DirectEvents}), over every chunk this reader read. */
    private volatile long decodedEvents;

    JmcRecordingReader() {
        this(UnneededEvents.enabled(), DirectEvents.enabled());
    }

    /**
     * @param hideUnneeded whether to hide the events we do not need from JMC (false: JMC decodes every event)
     * @param decodeEvents whether to decode Leakline's events here rather than by JMC (only with {@code hideUnneeded})
     */
    JmcRecordingReader(boolean hideUnneeded, boolean decodeEvents) {
        this.hideUnneeded = hideUnneeded;
        this.decodeEvents = decodeEvents;
        JMC_LOGGER.setLevel(Level.OFF);
    }

    /**
     * Reads on a thread of its own while the engine takes the records on the caller's ({@link ReadPipeline}): the
     * listener sees the same calls in the same order as when both ran on one thread.
     */
    @Override
    public void read(Path input, RecordingListener listener) throws BadInputException {
        ReadPipeline.run(handoff -> {
            try {
                readInput(input, handoff);
            } finally {
                chunkBuffer.take(); // not held while the caller works on what was read
            }
        }, listener);
    }

    /**
     * Inputs made plain ahead of reading ({@link #stage}), by the path they are read under, each with its temporary
     * files; or the failure met, which {@link #readFile} then reports (a pipe cannot be read twice).
     */
    private final Map<Path, Staged> staged = new HashMap<>();

    private record Staged(InputFiles.Plain plain, List<Path> temporaries, Exception failure) {
    }

    @Override
    public RecordingSpan stage(List<Path> inputs) {
        List<Path> plainFiles = new ArrayList<>();
        boolean unknown = false; // a file that failed here may read when its turn comes (a full disk): no span
        for (Path input : inputs) {
            for (Path file : filesOf(input)) {
                if (staged.containsKey(file)) {
                    continue;
                }
                boolean stream = InputFiles.isStream(file);
                List<Path> temporaries = new ArrayList<>();
                try {
                    if (!stream && (!Files.isRegularFile(file) || Files.size(file) == 0)) {
                        continue; // read() says what it is
                    }
                    InputFiles.Plain plain = InputFiles.plain(file, temporaries);
                    plainFiles.add(plain.path());
                    if (!temporaries.isEmpty()) {
                        temporaries.forEach(t -> t.toFile().deleteOnExit()); // should the analysis end before it
                        staged.put(file, new Staged(plain, temporaries, null));
                    }
                } catch (IOException | BadInputException e) {
                    InputFiles.deleteAll(temporaries);
                    if (stream) {
                        staged.put(file, new Staged(null, List.of(), e)); // consumed: the same failure when read
                    } else {
                        unknown = true;
                    }
                }
            }
        }
        return unknown ? null : RecordingSpan.of(plainFiles);
    }

    /** The temporary copies made by {@link #stage} and not yet read (for tests). */
    List<Path> stagedCopies() {
        return staged.values().stream().flatMap(s -> s.temporaries().stream()).toList();
    }

    /** The files {@link #readInput} reads for an input: a directory's recordings, or the input itself. */
    private static List<Path> filesOf(Path input) {
        if (InputFiles.isStream(input) || !Files.isDirectory(input)) {
            return List.of(input);
        }
        try {
            return recordingsOf(input);
        } catch (IOException | BadInputException e) {
            return List.of(); // read() reports it
        }
    }

    /** How many events were hidden from JMC in the chunks read so far ({@link UnneededEvents}). */
    long hiddenEvents() {
        return hiddenEvents;
    }

    /** How many events the chunks read so far had that were decoded here rather than by JMC ({@link DirectEvents}). */
    long decodedEvents() {
        return decodedEvents;
    }

    private void readInput(Path input, ReadPipeline.Handoff listener) throws BadInputException {
        if (InputFiles.isStream(input)) {
            readFile(input, listener, new JvmRun[] {null});
            return;
        }
        if (!Files.exists(input)) {
            throw new BadInputException(input + ": no such file or directory");
        }
        if (Files.isDirectory(input)) {
            readDirectory(input, listener);
            return;
        }
        readFile(input, listener, new JvmRun[] {null});
    }

    private void readDirectory(Path directory, ReadPipeline.Handoff listener) throws BadInputException {
        List<Path> files;
        try {
            files = recordingsOf(directory);
        } catch (IOException e) {
            throw new BadInputException(directory + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new BadInputException(directory + ": the directory holds no JFR recordings (*.jfr, *.jfr.gz, *.zip)");
        }
        int read = 0;
        JvmRun[] lastRun = {null};
        for (Path file : files) {
            try {
                read += readFile(file, listener, lastRun);
            } catch (BadInputException e) {
                listener.onWarning(e.getMessage() + "; skipped");
            }
        }
        if (read == 0) {
            throw new BadInputException(directory + ": none of its " + files.size() + " files could be read as a JFR recording");
        }
    }

    /** The recordings a directory stands for: its own, or those of the one JVM run under it. */
    private static List<Path> recordingsOf(Path directory) throws IOException, BadInputException {
        List<Path> files = InputFiles.recordingsIn(directory);
        return files.isEmpty() ? recordingsOfTheOnlyRun(directory) : files;
    }

    /**
     * A repository root ({@code -XX:FlightRecorderOptions:repository=DIR}) holds one subdirectory per JVM: with one,
     * its recordings; with several, which to pass (runs of different JVMs are rarely meant together, and reading all
     * of an old repository could take long), so the user names one or more.
     */
    private static List<Path> recordingsOfTheOnlyRun(Path directory) throws IOException, BadInputException {
        List<Path> runs = InputFiles.runDirectoriesIn(directory);
        if (runs.size() > 1) {
            int shown = Math.min(runs.size(), MAX_RUNS_NAMED);
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < shown; i++) {
                names.append(i == 0 ? "" : ", ").append(runs.get(i)).append(i == 0 ? " (newest)" : "");
            }
            if (runs.size() > shown) {
                names.append(" and ").append(runs.size() - shown).append(" older");
            }
            throw new BadInputException(directory + ": a JFR repository with the recordings of " + runs.size()
                    + " JVMs; pass the one to read (or several): " + names);
        }
        return runs.isEmpty() ? List.of() : InputFiles.recordingsIn(runs.get(0));
    }

    /** Reads one file (or pipe) and returns the number of chunks read. */
    private int readFile(Path file, ReadPipeline.Handoff listener, JvmRun[] lastRun) throws BadInputException {
        List<Path> temporaries = new ArrayList<>();
        String name = InputFiles.nameOf(file);
        String partial = null;
        try {
            Staged ready = staged.remove(file);
            if (ready != null) {
                temporaries.addAll(ready.temporaries());
                if (ready.failure() instanceof BadInputException bad) {
                    throw bad;
                }
                if (ready.failure() instanceof IOException io) {
                    throw io;
                }
            }
            if (ready == null && !InputFiles.isStream(file) && Files.size(file) == 0) {
                throw new BadInputException(file + ": the file is empty (0 bytes), not a JFR recording");
            }
            InputFiles.Plain plain = ready != null ? ready.plain() : InputFiles.plain(file, temporaries);
            partial = plain.warning();
            try (RandomAccessFile raf = new RandomAccessFile(plain.path().toFile(), "r")) {
                if (!ChunkHeader.hasMagic(raf)) {
                    throw new BadInputException(name + ": not a JFR recording (it does not start with the magic FLR\\0)");
                }
                if (partial != null) {
                    listener.onWarning(partial);
                }
                return readChunks(name, raf, listener, lastRun);
            }
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read (" + e.getMessage() + ")", e);
        } catch (BadInputException e) {
            // The decompression problem is the reason behind a cut chunk: one line says both.
            if (partial != null) {
                throw new BadInputException(e.getMessage() + " (" + partial.substring(name.length() + 2) + ")", e);
            }
            throw e;
        } finally {
            InputFiles.deleteAll(temporaries);
        }
    }

    private int readChunks(String source, RandomAccessFile raf, ReadPipeline.Handoff listener, JvmRun[] lastRun)
            throws IOException, BadInputException {
        long length = raf.length();
        long position = 0;
        int index = 0;
        int read = 0;
        // Failures are held back until a chunk of this file reads: if none does, the file is bad input (one error,
        // no stray windows of lost data pinned on other files' runs).
        List<Runnable> heldBack = new ArrayList<>();
        String firstProblem = null;
        listener.onProgress(source, 0, length);
        while (position < length) {
            if (index > 0) {
                listener.onProgress(source, position, length);
            }
            index++;
            ChunkFacts failed = null;
            boolean partial = false;
            String problem = null;
            boolean stop = false;
            if (length - position < ChunkHeader.LENGTH) {
                problem = "chunk " + index + " is truncated (the file ends inside its header)";
                failed = new ChunkFacts(source, index, 0, 0, lastRun[0], ChunkFacts.Outcome.TRUNCATED, problem);
                stop = true;
            }
            ChunkHeader header = failed == null ? ChunkHeader.read(raf, position) : null;
            if (header != null && header.unsupportedFormat() != null) {
                if (index == 1) {
                    // The whole file comes from that JDK: one line saying so, not a report of damage.
                    throw new BadInputException(source + ": " + header.unsupportedFormat());
                }
                problem = "chunk " + index + " claims " + header.unsupportedFormat().replace(" is not supported",
                        ", which is not supported (its header is probably damaged)");
                failed = new ChunkFacts(source, index, 0, 0, lastRun[0], ChunkFacts.Outcome.DAMAGED, problem);
                stop = true;
            }
            if (failed == null && header == null) {
                problem = "damaged data at byte " + position + " (no chunk starts there), the rest of the file is skipped";
                failed = new ChunkFacts(source, index, 0, 0, lastRun[0], ChunkFacts.Outcome.DAMAGED, problem);
                stop = true;
            }
            if (failed == null) {
                long end = header.startNanos() + Math.max(0, header.durationNanos());
                if (header.size() < ChunkHeader.LENGTH || header.size() > length - position) {
                    String why = header.size() < ChunkHeader.LENGTH
                            ? "it is still being written or its header is damaged"
                            : "the file ends after " + (length - position) + " of its " + header.size() + " bytes";
                    problem = "chunk " + index + " is truncated (" + why + ")";
                    failed = new ChunkFacts(source, index, header.startNanos(), end, lastRun[0],
                            ChunkFacts.Outcome.TRUNCATED, why);
                    stop = true;
                } else if (!seenChunks.add(header.startNanos() + ":" + header.size())) {
                    listener.onWarning(source + ": chunk " + index + " was already read from another input; skipped");
                    position += header.size();
                    read++;
                } else {
                    ChunkOutcome outcome = readChunk(source, index, raf, position, header, end, listener, lastRun);
                    if (outcome.damage() == null || outcome.delivered() > 0) {
                        // Readable, or damaged part way after delivering events: either way this file is not
                        // unreadable, so earlier failures are reported now.
                        heldBack.forEach(Runnable::run);
                        heldBack.clear();
                        read++;
                    }
                    if (outcome.damage() != null) {
                        problem = "chunk " + index + " is damaged (" + outcome.damage() + ")";
                        partial = outcome.delivered() > 0;
                        String partly = partial ? "; the events before the damage were read" : "";
                        failed = new ChunkFacts(source, index, header.startNanos(), end, outcome.run(),
                                ChunkFacts.Outcome.DAMAGED, outcome.damage() + partly);
                        problem += partly;
                    }
                    position += header.size();
                }
            }
            if (failed != null) {
                if (firstProblem == null) {
                    firstProblem = problem;
                }
                ChunkFacts unresolved = failed;
                long origin = header == null ? Long.MIN_VALUE : header.clockOriginNanos();
                // The run is decided when the failure is reported, not when it is met: a damaged first chunk is
                // reported after the next chunk of its file was read, so its window of lost events belongs to that
                // JVM (by its clock origin when the header survived, else the file's next chunk), never to no run
                // (which would make every other JVM's leaks uncertain) nor to the previous file's.
                boolean partlyRead = partial;
                java.util.function.Supplier<ChunkFacts> facts = () -> partlyRead ? unresolved
                        : new ChunkFacts(unresolved.source(), unresolved.index(), unresolved.startNanos(),
                                unresolved.endNanos(), failedRun(origin, lastRun[0]), unresolved.outcome(),
                                unresolved.problem(), unresolved.jvm());
                String warning = source + ": " + problem + "; " + (stop ? readSummary(read) : "skipped");
                Runnable report = () -> {
                    listener.onWarning(warning);
                    listener.onChunk(facts.get());
                };
                if (read > 0) {
                    report.run();
                } else {
                    heldBack.add(report);
                }
            }
            if (stop) {
                break;
            }
        }
        listener.onProgress(source, Math.min(position, length), length);
        if (read == 0) {
            throw new BadInputException(source + ": " + (firstProblem == null ? "no chunks" : firstProblem)
                    + "; no chunk could be read");
        }
        return read;
    }

    /** The run of a chunk that could not be read: the known run with its clock origin, else the file's last run. */
    private JvmRun failedRun(long origin, JvmRun last) {
        RunIdentities.Assumption assumed = runs.assume(origin, last);
        return assumed.candidates() > 0 ? assumed.run() : last;
    }

    /** What reading one chunk gave: its run, how many records it delivered, and why it is damaged (or null). */
    private record ChunkOutcome(JvmRun run, long delivered, String damage) {
    }

    /** Parses one chunk, streaming its events to the listener. */
    private ChunkOutcome readChunk(String source, int index, RandomAccessFile raf, long position, ChunkHeader header,
            long end, ReadPipeline.Handoff listener, JvmRun[] lastRun) throws IOException, BadInputException {
        listener.chunkStarted(source, index, header.size());
        try {
            return parseChunk(source, index, raf, position, header, end, listener, lastRun);
        } catch (OutOfMemoryError e) {
            // The engine takes the records on another thread, so the heap may run out here or there, and while the
            // chunk is parsed or just after: either way, it is this chunk that needs more memory.
            throw new BadInputException(ReadPipeline.notEnoughMemory(source, index, header.size()), e);
        }
    }

    private ChunkOutcome parseChunk(String source, int index, RandomAccessFile raf, long position, ChunkHeader header,
            long end, ReadPipeline.Handoff listener, JvmRun[] lastRun) throws IOException, BadInputException {
        long origin = header.clockOriginNanos();
        RunIdentities.Assumption assumed = runs.assume(origin, lastRun[0]);
        ChunkSinks sinks = new ChunkSinks(listener::onEvent, assumed.run(), told -> runs.identify(origin, told),
                sharedStacks);
        if (header.size() > MAX_CHUNK) {
            return new ChunkOutcome(failedRun(origin, lastRun[0]), 0, "it is larger than 2 GB, which JMC cannot read");
        }
        int size = (int) header.size();
        byte[] bytes = chunkBuffer.take();
        if (bytes.length < size) {
            bytes = null; // the smaller array is garbage before the larger one is allocated
            bytes = new byte[(int) Math.min(MAX_CHUNK, size + size / 5L)];
        }
        raf.seek(position);
        raf.readFully(bytes, 0, size);
        String framing = ChunkFraming.checkPools(bytes, header);
        UnneededEvents.Hidden hidden = UnneededEvents.Hidden.NONE;
        if (framing == null && hideUnneeded) {
            hidden = UnneededEvents.hide(bytes, header, sinks::needs, type -> decodeEvents && sinks.decodesItself(type));
        }
        if (framing == null && !hidden.framed()) {
            framing = ChunkFraming.checkEvents(bytes, header); // the walk did not check every event's size
        }
        if (framing != null) {
            chunkBuffer.giveBack(bytes);
            return new ChunkOutcome(failedRun(origin, lastRun[0]), 0, framing);
        }
        sinks.hidden(hidden);
        String problem = parseInTime(bytes, sinks, size, chunkBuffer);
        hiddenEvents += sinks.hiddenCount();
        decodedEvents += sinks.decodedCount();
        JvmRun run = sinks.finish(new JvmRun(header.startNanos() / 1_000_000, -1));
        listener.chunkEnded(source, index);
        if (sinks.consumerFailure() != null) {
            throw new IllegalStateException("analyzing chunk " + index + " of " + source + " failed",
                    sinks.consumerFailure());
        }
        if (problem == null && sinks.conversionFailure() != null) {
            problem = sinks.conversionFailure();
        }
        if (problem == null && sinks.warning() != null) {
            listener.onWarning(source + ": chunk " + index + ": " + sinks.warning());
        }
        if (!sinks.named() && assumed.candidates() > 1) {
            listener.onWarning(source + ": chunk " + index + " does not name its JVM (no jdk.JVMInformation) and "
                    + assumed.candidates() + " JVM runs started within " + RunIdentities.SAME_ORIGIN_NANOS / 1_000_000
                    + " ms of its clock's origin; its events were counted to " + run.label()
                    + ", so verdicts may mix those JVMs (record with settings=default to tell them apart)");
        }
        if (problem == null || sinks.delivered() > 0) {
            lastRun[0] = run;
        }
        if (problem == null) {
            listener.onChunk(new ChunkFacts(source, index, header.startNanos(), end, run, ChunkFacts.Outcome.READ,
                    null, sinks.jvmInfo()));
        }
        return new ChunkOutcome(run, sinks.delivered(), problem);
    }

    /**
     * The array JMC copies each chunk into, kept from one chunk to the next. JMC reads a whole chunk into one array
     * (grown by copying as it fills: 14 MB for JFR's usual 12 MB chunks); a new one per chunk was a large share of the
     * analyzer's garbage collection at a small heap (a humongous allocation for G1, promoted by the others). JMC's own
     * multi-chunk loader reuses its arrays the same way. A parse takes the array and gives it back when it has ended,
     * so one that is abandoned while still running keeps its own.
     */
    private static final class ChunkBuffer {
        private final java.util.concurrent.atomic.AtomicReference<byte[]> kept = new java.util.concurrent.atomic.AtomicReference<>();

        byte[] take() {
            byte[] bytes = kept.getAndSet(null);
            return bytes == null ? new byte[0] : bytes;
        }

        void giveBack(byte[] bytes) {
            kept.set(bytes);
        }
    }

    private static String readSummary(int read) {
        return read == 0 ? "no chunk before it"
                : "the " + read + " chunk" + (read == 1 ? " before it was" : "s before it were") + " read";
    }

    /**
     * Parses one chunk on a daemon thread and gives up after a time that grows with the chunk: a backstop for damage
     * that {@link ChunkFraming} does not catch and that makes JMC loop. An abandoned parse can no longer reach the
     * listener ({@link ChunkSinks#abandon()}), and its threads cannot keep the JVM alive (the command ends with
     * System.exit, and our thread is a daemon).
     */
    private static String parseInTime(byte[] chunk, ChunkSinks sinks, int size, ChunkBuffer buffer)
            throws BadInputException {
        long seconds = Long.getLong(CHUNK_SECONDS_PROPERTY, 15 + (size >> 20));
        FutureTask<String> task = new FutureTask<>(() -> parse(chunk, sinks, buffer));
        Thread worker = new Thread(task, "leakline-chunk-parser");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            sinks.abandon();
            task.cancel(true);
            return "parsing it did not finish within " + seconds + " s";
        } catch (InterruptedException e) {
            sinks.abandon();
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while reading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfMemoryError oom) {
                throw oom;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Parses the chunk in {@code chunk}; returns null on success or a one-line reason. */
    private static String parse(byte[] chunk, ChunkSinks sinks, ChunkBuffer buffer) {
        Chunk[] read = new Chunk[1];
        String problem = parse(chunk, sinks, read);
        if (problem == null) {
            sinks.decodeRest(); // before the array serves the next chunk
        }
        // The parse has ended (an Error would have left it): the array serves the next chunk.
        buffer.giveBack(read[0] != null ? read[0].getReusableBuffer() : chunk);
        return problem;
    }

    private static String parse(byte[] chunk, ChunkSinks sinks, Chunk[] read) {
        try {
            // FlightRecordingLoader.loadStream, except that JMC is given the chunk already in memory, in the array
            // it parses (ChunkInMemory), where the events we do not need were hidden.
            boolean[] served = {false};
            FlightRecordingLoader.readChunks(null, List.of(sinks), reusable -> {
                if (served[0]) {
                    return null;
                }
                served[0] = true;
                read[0] = new Chunk(new ChunkInMemory(chunk), Integer.BYTES, chunk);
                return read[0];
            }, false, false);
            return null;
        } catch (EOFException e) {
            return "it ends early";
        } catch (CouldNotLoadRecordingException | IOException | RuntimeException e) {
            String message = e.getMessage();
            return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        } catch (StackOverflowError e) {
            // A damaged field can make the parser recurse without end; the chunk is lost, not the run.
            return e.getClass().getSimpleName();
        }
    }
}
