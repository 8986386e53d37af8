package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.sites.Site;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Order and boundaries never change a verdict. The events of real recordings (the bundled ones under recordings/,
 * read with the command's reader into the engine's records) are shuffled and cut into chunks and files at random
 * points, duplicated, or put beside another JVM's lossy recording; each time the engine must give every response the
 * verdict it gives when the recording is read as it was written.
 */
class OrderAndBoundaryProperties {
    private static final Path ROOT = Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("recordings")
            .normalize();
    /** Whole recordings, no loss window of their own: every client, both JDKs, every verdict. */
    private static final List<String> WHOLE = List.of(
            "jdk17/apache-httpclient5/four-cases-small.jfr", "jdk17/apache-httpclient5/late-close.jfr",
            "jdk17/apache-httpclient5/pool-exhaustion.jfr", "jdk17/httpurlconnection/four-cases-large.jfr",
            "jdk17/httpurlconnection/in-flight.jfr", "jdk17/java-net-http/four-cases-small.jfr",
            "jdk17/java-net-http/client-per-request-abandoned.jfr", "jdk17/okhttp/four-cases-large.jfr",
            "jdk17/okhttp/late-close.jfr", "jdk25/java-net-http/four-cases-large.jfr",
            "jdk25/httpurlconnection/four-cases-small.jfr");
    /** Recordings of three chunks each (the scenario rotated chunks on purpose): copies of them get damaged. */
    private static final List<String> LOSSY = List.of(
            "jdk17/apache-httpclient5/lost-chunks.jfr", "jdk17/okhttp/lost-chunks.jfr",
            "jdk25/java-net-http/lost-chunks.jfr");
    private static final AnalysisOptions OPTIONS = AnalysisOptions.defaults();
    private static final Map<String, Captured> CAPTURED = new ConcurrentHashMap<>();

    /** A recording as the reader delivered it: each chunk's events, then the chunk's facts. */
    private record Captured(List<List<RecordedEvent>> chunkEvents, List<ChunkFacts> chunks) {
        List<RecordedEvent> allEvents() {
            List<RecordedEvent> all = new ArrayList<>();
            chunkEvents.forEach(all::addAll);
            return all;
        }
    }

    @Provide
    Arbitrary<String> whole() {
        return Arbitraries.of(WHOLE);
    }

    @Provide
    Arbitrary<String> lossy() {
        return Arbitraries.of(LOSSY);
    }

    @Property(tries = 60)
    void shufflingAndCuttingIntoChunksAndFilesChangesNoVerdict(@ForAll("whole") String name, @ForAll long seed) {
        Random random = new Random(seed);
        Captured recording = captured(name);
        Analysis asWritten = replay(recording.chunkEvents(), recording.chunks());
        assertThat(asWritten.losses()).as("loss windows of %s as written", name).isEmpty();

        List<RecordedEvent> events = recording.allEvents();
        Collections.shuffle(events, random);
        int chunkCount = 1 + random.nextInt(12);
        List<List<RecordedEvent>> pieces = cut(events, chunkCount, random);
        List<ChunkFacts> facts = contiguousChunks(recording.chunks(), chunkCount, random);
        // Files are read in any order, and a file's chunks in order: deliver the pieces in a random order.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chunkCount; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<List<RecordedEvent>> deliveredEvents = new ArrayList<>();
        List<ChunkFacts> deliveredFacts = new ArrayList<>();
        for (int i : order) {
            deliveredEvents.add(pieces.get(i));
            deliveredFacts.add(facts.get(i));
        }
        Analysis shuffled = replay(deliveredEvents, deliveredFacts);

        assertSameVerdicts(name + " shuffled into " + chunkCount + " chunks, seed " + seed, shuffled, asWritten);
    }

    @Property(tries = 40)
    void duplicateDrainsClosesAndReleasesChangeNoVerdict(@ForAll("whole") String name, @ForAll long seed) {
        Random random = new Random(seed);
        Captured recording = captured(name);
        Analysis asWritten = replay(recording.chunkEvents(), recording.chunks());

        List<List<RecordedEvent>> withCopies = new ArrayList<>();
        for (List<RecordedEvent> chunk : recording.chunkEvents()) {
            withCopies.add(new ArrayList<>(chunk));
        }
        int copies = 0;
        for (RecordedEvent event : recording.allEvents()) {
            boolean finishing = event instanceof RecordedEvent.ResponseDrained
                    || event instanceof RecordedEvent.ResponseClosed
                    || event instanceof RecordedEvent.ConnectionReleased;
            if (finishing && random.nextInt(3) == 0) {
                // The same event again (a close called twice, a chunk read twice), in any chunk, in any place.
                List<RecordedEvent> chunk = withCopies.get(random.nextInt(withCopies.size()));
                chunk.add(random.nextInt(chunk.size() + 1), event);
                copies++;
            }
        }
        Analysis duplicated = replay(withCopies, recording.chunks());

        assertSameVerdicts(name + " with " + copies + " duplicates, seed " + seed, duplicated, asWritten);
    }

    /**
     * A damaged chunk in one JVM's recording (a chunk after its first), spanning the very time another JVM's recording
     * covers, makes no verdict of that other recording uncertain, whatever the order of the files.
     */
    @Property(tries = 25)
    void aDamagedChunkInOneRunLeavesAnotherRunsVerdictsAlone(@ForAll("whole") String name,
            @ForAll("lossy") String other, @ForAll long seed, @ForAll boolean damagedFirst) throws Exception {
        assertLossConfined(name, other, seed, damagedFirst, false);
    }

    /**
     * The same with the first chunk damaged: the reader then cannot tell which JVM wrote it (issue #13, item 2).
     * FAILS on the engine as of this commit: the loss window gets no run and turns the other JVM's leaks uncertain.
     * Disabled until branch {@code verdicts} fixes item 2; enable it with that merge.
     */
    @net.jqwik.api.Disabled("fails until issue #13 item 2 (a damaged first chunk's loss window has no JVM run) is fixed"
            + " on branch verdicts")
    @Property(tries = 25)
    void aDamagedFirstChunkLeavesAnotherRunsVerdictsAlone(@ForAll("whole") String name,
            @ForAll("lossy") String other, @ForAll long seed, @ForAll boolean damagedFirst) throws Exception {
        assertLossConfined(name, other, seed, damagedFirst, true);
    }

    private static void assertLossConfined(String name, String other, long seed, boolean damagedFirst,
            boolean firstChunk) throws Exception {
        Random random = new Random(seed);
        Path clean = ROOT.resolve(name);
        Analysis alone = new Analyzer(RecordingReader.jmc(), OPTIONS).analyze(List.of(clean));
        JvmRun run = alone.runs().get(0).run();
        // The damaged chunk claims the time the clean recording covers: only its JVM run tells the two apart.
        Path damaged = damagedCopy(ROOT.resolve(other), random, firstChunk, alone.runs().get(0).startNanos(),
                alone.runs().get(0).endNanos());
        try {
            Analysis otherAlone = new Analyzer(RecordingReader.jmc(), OPTIONS).analyze(List.of(damaged));
            if (otherAlone.runs().stream().anyMatch(r -> r.run().equals(run))) {
                return; // the same JVM run: a loss there is a loss here
            }
            Analysis together = new Analyzer(RecordingReader.jmc(), OPTIONS)
                    .analyze(damagedFirst ? List.of(damaged, clean) : List.of(clean, damaged));
            assertThat(together.losses()).as("loss windows of the damaged %s", other).isNotEmpty();
            assertThat(verdicts(together, run)).as("verdicts of %s beside a damaged %s, seed %d", name, other, seed)
                    .isEqualTo(verdicts(alone, run));
        } finally {
            java.nio.file.Files.deleteIfExists(damaged);
        }
    }

    /**
     * A copy of {@code file} with one chunk (the first, or a later one) damaged: its header points the constant pool
     * at a random place inside the chunk where there is none, so the chunk's events cannot be resolved.
     */
    private static Path damagedCopy(Path file, Random random, boolean firstChunk, long fromNanos, long toNanos)
            throws java.io.IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        List<Long> boundaries = Chunks.boundaries(bytes);
        int chunks = boundaries.size() - 1;
        assertThat(chunks).as("chunks of %s", file).isGreaterThanOrEqualTo(2);
        int chunk = firstChunk ? 0 : 1 + random.nextInt(chunks - 1);
        long start = boundaries.get(chunk);
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes);
        long constantPool = header.getLong((int) start + 16);
        long size = boundaries.get(chunk + 1) - start;
        long wrong;
        do {
            wrong = Chunks.HEADER + (long) (random.nextDouble() * (size - Chunks.HEADER - 16));
        } while (Math.abs(wrong - constantPool) < 16);
        header.putLong((int) start + 16, wrong);
        header.putLong((int) start + 32, fromNanos - 1_000_000_000L);
        header.putLong((int) start + 40, toNanos - fromNanos + 2_000_000_000L);
        Path copy = java.nio.file.Files.createTempFile("leakline-damaged-", ".jfr");
        java.nio.file.Files.write(copy, bytes);
        return copy;
    }

    @Property(tries = 30)
    void aDataLossInOneRunLeavesAnotherRunsVerdictsAlone(@ForAll("whole") String name,
            @ForAll("whole") String other, @ForAll long seed) {
        Random random = new Random(seed);
        Captured mine = captured(name);
        Captured theirs = captured(other);
        JvmRun myRun = mine.chunks().get(0).run();
        JvmRun theirRun = theirs.chunks().get(0).run();
        if (myRun.equals(theirRun)) {
            return; // the same recording twice: a loss there is a loss here
        }
        Analysis alone = replay(mine.chunkEvents(), mine.chunks());

        List<List<RecordedEvent>> events = new ArrayList<>();
        List<ChunkFacts> facts = new ArrayList<>();
        for (int i = 0; i < theirs.chunks().size(); i++) {
            events.add(new ArrayList<>(theirs.chunkEvents().get(i)));
            facts.add(theirs.chunks().get(i));
        }
        int lossy = random.nextInt(events.size());
        ChunkFacts theirs0 = facts.get(lossy);
        // Their lossy chunk spans my recording's time too (two JVMs recording at once): only the run tells them apart.
        long myStart = mine.chunks().stream().mapToLong(ChunkFacts::startNanos).min().orElseThrow();
        long myEnd = mine.chunks().stream().mapToLong(ChunkFacts::endNanos).max().orElseThrow();
        ChunkFacts lossyChunk = new ChunkFacts(theirs0.source(), theirs0.index(), Math.min(myStart,
                theirs0.startNanos()), Math.max(myEnd, theirs0.endNanos()), theirRun, ChunkFacts.Outcome.READ, null,
                theirs0.jvm());
        facts.set(lossy, lossyChunk);
        long at = myStart + (long) (random.nextDouble() * (myEnd - myStart));
        events.get(lossy).add(new RecordedEvent.DataLoss(theirRun, at, 1 + random.nextInt(1 << 20)));
        // Their chunks before or after mine, and mine interleaved at a random place.
        int insertAt = random.nextInt(events.size() + 1);
        events.addAll(insertAt, mine.chunkEvents());
        facts.addAll(insertAt, mine.chunks());
        Analysis together = replay(events, facts);
        assertThat(together.losses()).as("the jdk.DataLoss put into %s", other).isNotEmpty();

        assertThat(verdicts(together, myRun)).as("verdicts of %s beside %s with a data loss, seed %d", name, other,
                seed).isEqualTo(verdicts(alone, myRun));
    }

    private static void assertSameVerdicts(String what, Analysis actual, Analysis expected) {
        assertThat(verdicts(actual, null)).as("verdict of each response of " + what)
                .isEqualTo(verdicts(expected, null));
        assertThat(siteCounts(actual)).as("verdict counts per site of " + what).isEqualTo(siteCounts(expected));
        assertThat(actual.pairing().orphans()).as("orphans of " + what).hasSameSizeAs(expected.pairing().orphans());
    }

    /** Each response of {@code run} (all runs when null): its verdict, uncertainty and site's first frame. */
    private static Map<String, String> verdicts(Analysis a, JvmRun run) {
        Map<String, String> out = new TreeMap<>();
        for (Response r : a.pairing().responses()) {
            if (run == null || run.equals(r.run())) {
                out.put(r.run().label() + " #" + r.id(), r.verdict().id() + (r.uncertain() ? " uncertain" : ""));
            }
        }
        if (run == null) { // clean groups are counted over all runs; a clean verdict is never uncertain anyway
            a.pairing().cleanGroups().forEach(g -> out.merge("clean " + g.client() + " " + g.stack().hashCode(),
                    String.valueOf(g.count()), (x, y) -> String.valueOf(Long.parseLong(x) + Long.parseLong(y))));
        }
        return out;
    }

    private static Map<String, Map<?, Long>> siteCounts(Analysis a) {
        Map<String, Map<?, Long>> out = new TreeMap<>();
        for (Site site : a.sites()) {
            out.put(site.site(), new TreeMap<>(site.counts()));
        }
        return out;
    }

    /** Feeds the engine chunk by chunk, as a reader would. */
    private static Analysis replay(List<List<RecordedEvent>> chunkEvents, List<ChunkFacts> chunks) {
        AnalysisBuilder engine = new AnalysisBuilder(OPTIONS);
        for (int i = 0; i < chunks.size(); i++) {
            chunkEvents.get(i).forEach(engine::onEvent);
            engine.onChunk(chunks.get(i));
        }
        return engine.finish(List.of("replayed"));
    }

    /** {@code n} consecutive pieces of {@code events}, cut at random places (pieces may be empty). */
    private static List<List<RecordedEvent>> cut(List<RecordedEvent> events, int n, Random random) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            cuts.add(random.nextInt(events.size() + 1));
        }
        Collections.sort(cuts);
        List<List<RecordedEvent>> pieces = new ArrayList<>();
        int from = 0;
        for (int to : cuts) {
            pieces.add(new ArrayList<>(events.subList(from, to)));
            from = to;
        }
        pieces.add(new ArrayList<>(events.subList(from, events.size())));
        return pieces;
    }

    /**
     * {@code n} chunks of the recording's run that together cover what its chunks covered, cut at random instants,
     * each in one of up to three files.
     */
    private static List<ChunkFacts> contiguousChunks(List<ChunkFacts> original, int n, Random random) {
        ChunkFacts first = original.get(0);
        long start = original.stream().mapToLong(ChunkFacts::startNanos).min().orElseThrow();
        long end = original.stream().mapToLong(ChunkFacts::endNanos).max().orElseThrow();
        List<Long> instants = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            instants.add(start + (long) (random.nextDouble() * (end - start)));
        }
        Collections.sort(instants);
        instants.add(0, start);
        instants.add(end);
        List<ChunkFacts> chunks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chunks.add(new ChunkFacts("part-" + random.nextInt(3) + ".jfr", i + 1, instants.get(i),
                    instants.get(i + 1), first.run(), ChunkFacts.Outcome.READ, null, first.jvm()));
        }
        return chunks;
    }

    private static Captured captured(String name) {
        return CAPTURED.computeIfAbsent(name, n -> {
            List<List<RecordedEvent>> chunkEvents = new ArrayList<>();
            List<ChunkFacts> chunks = new ArrayList<>();
            List<RecordedEvent> current = new ArrayList<>();
            try {
                RecordingReader.jmc().read(ROOT.resolve(n), new RecordingListener() {
                    @Override
                    public void onEvent(RecordedEvent event) {
                        current.add(event);
                    }

                    @Override
                    public void onChunk(ChunkFacts chunk) {
                        chunkEvents.add(List.copyOf(current));
                        chunks.add(chunk);
                        current.clear();
                    }

                    @Override
                    public void onWarning(String message) {
                        throw new AssertionError(n + " is meant to be whole: " + message);
                    }
                });
            } catch (Exception e) {
                throw new AssertionError("cannot read " + n, e);
            }
            assertThat(chunks).as("chunks of %s", n).isNotEmpty().allMatch(ChunkFacts::wasRead);
            return new Captured(List.copyOf(chunkEvents), List.copyOf(chunks));
        });
    }
}
