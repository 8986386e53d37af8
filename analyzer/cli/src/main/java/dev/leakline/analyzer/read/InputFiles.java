package dev.leakline.analyzer.read;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.openjdk.jmc.common.io.IOToolkit;

/**
 * Finds the recordings an input names and undoes compression, so the chunk reader always sees a plain, seekable
 * file. Pipes (a FIFO, {@code <(zcat app.jfr.gz)}, standard input) are copied to a temporary file first: the chunk
 * reader seeks, and a pipe can only be read once, front to back.
 */
final class InputFiles {
    /** The command-line name of standard input. */
    static final String STDIN = "-";
    /** How standard input is named in messages and in the report. */
    static final String STDIN_NAME = "standard input";

    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] LZ4 = {0x04, 0x22, 0x4d, 0x18};
    /** JFR names each JVM's directory in a repository {@code yyyy_MM_dd_HH_mm_ss_PID} (jdk.jfr.internal.Repository). */
    private static final Pattern RUN_DIRECTORY = Pattern.compile("\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d+");
    private static final int BUFFER = 1 << 16;

    private InputFiles() {
    }

    /**
     * A plain recording ready for the chunk reader.
     *
     * @param path the file to read (the input itself, or a temporary copy)
     * @param warning why only part of the input could be decompressed, or null
     */
    record Plain(Path path, String warning) {
    }

    /** The recordings in a directory (a JFR repository): .jfr files and compressed ones, by name (= time) order. */
    static List<Path> recordingsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(InputFiles::looksLikeRecording)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    /**
     * The per-JVM subdirectories of a repository root ({@code -XX:FlightRecorderOptions:repository=DIR} gives DIR;
     * each JVM writes its chunks to {@code DIR/2026_12_04_18_00_00_1234/}) that hold recordings, newest first.
     */
    static List<Path> runDirectoriesIn(Path directory) throws IOException {
        List<Path> runs = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.filter(Files::isDirectory)
                    .filter(d -> RUN_DIRECTORY.matcher(d.getFileName().toString()).matches()).toList()) {
                if (!recordingsIn(entry).isEmpty()) {
                    runs.add(entry);
                }
            }
        }
        // The name starts with the JVM's start time, so name order is time order.
        runs.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return runs;
    }

    private static boolean looksLikeRecording(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jfr") || name.endsWith(".jfr.gz") || name.endsWith(".jfr.zip")
                || name.endsWith(".jfr.lz4") || name.endsWith(".zip") || name.endsWith(".gz") || name.endsWith(".lz4");
    }

    /** Whether the input is read as a stream: {@code -} (standard input), a FIFO or another pipe. */
    static boolean isStream(Path input) {
        return input.toString().equals(STDIN) || (Files.exists(input) && !Files.isRegularFile(input)
                && !Files.isDirectory(input));
    }

    /** The name of an input in messages: standard input has none of its own. */
    static String nameOf(Path input) {
        return input.toString().equals(STDIN) ? STDIN_NAME : input.toString();
    }

    /**
     * The plain recording for {@code input}: the file itself, or a temporary file holding its decompressed bytes or
     * its copy from a pipe (added to {@code temporaries}, which the caller deletes). Decompressing to disk, not
     * memory, keeps the heap independent of the file size; the disk holds one decompressed copy at a time. Compressed
     * data that ends early or is damaged keeps what decompressed before it, with a warning: the chunk reader then
     * treats the recording as cut there.
     */
    static Plain plain(Path input, List<Path> temporaries) throws IOException, BadInputException {
        String name = nameOf(input);
        if (isStream(input)) {
            // FileInputStream, not Files.newInputStream: the latter's available() seeks, which a pipe refuses.
            InputStream raw = input.toString().equals(STDIN) ? System.in : new FileInputStream(input.toFile());
            BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
            try {
                return plainStream(name, in, temporaries);
            } finally {
                if (raw != System.in) {
                    in.close();
                }
            }
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(input)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, n, GZIP)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(input), BUFFER)) {
                return copy(name, "gzip", in, GZIPInputStream::new, temporaries);
            }
        }
        if (startsWith(head, n, LZ4)) {
            // JMC's IOToolkit decodes the LZ4 frame format (JMC itself depends on lz4-java for it).
            try (InputStream in = new BufferedInputStream(Files.newInputStream(input), BUFFER)) {
                return copy(name, "LZ4", in, IOToolkit::openUncompressedStream, temporaries);
            }
        }
        if (startsWith(head, n, ZIP)) {
            return unzip(input, name, temporaries);
        }
        return new Plain(input, null);
    }

    /** A pipe: decompressed or copied, front to back, to a temporary file. */
    private static Plain plainStream(String name, BufferedInputStream in, List<Path> temporaries)
            throws IOException, BadInputException {
        byte[] head = new byte[4];
        in.mark(head.length);
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        if (n == 0) {
            throw new BadInputException(name + ": the stream is empty (0 bytes), not a JFR recording");
        }
        if (startsWith(head, n, GZIP)) {
            return copy(name, "gzip", in, GZIPInputStream::new, temporaries);
        }
        if (startsWith(head, n, LZ4)) {
            return copy(name, "LZ4", in, IOToolkit::openUncompressedStream, temporaries);
        }
        if (startsWith(head, n, ZIP)) {
            return unzipStream(name, in, temporaries);
        }
        return copy(name, null, in, s -> s, temporaries);
    }

    /**
     * A zip file: the first entry whose name ends in .jfr, else the first entry. A zip that is cut (or damaged at
     * the end) has no central directory, so {@link ZipFile} refuses it; its entries are then read front to back.
     */
    private static Plain unzip(Path file, String name, List<Path> temporaries) throws IOException, BadInputException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            Plain streamed;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
                streamed = unzipStream(name, in, temporaries);
            }
            return streamed.warning() != null ? streamed : new Plain(streamed.path(), name + ": the zip archive"
                    + " has no central directory (it was cut after the recording's entry, " + e.getMessage()
                    + "); its entries were read front to back");
        }
        try (zip) {
            ZipEntry chosen = null;
            ZipEntry first = null;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                if (first == null) {
                    first = entry;
                }
                if (chosen == null && isJfrName(entry)) {
                    chosen = entry;
                }
            }
            if (chosen == null) {
                chosen = first;
            }
            if (chosen == null) {
                throw new BadInputException(name + ": the zip archive is empty");
            }
            ZipEntry entry = chosen;
            return copy(name, "zip", zip.getInputStream(entry), s -> s, temporaries);
        }
    }

    /** A zip read front to back (a pipe, or a cut file): the same choice of entry as {@link #unzip}. */
    private static Plain unzipStream(String name, InputStream in, List<Path> temporaries)
            throws IOException, BadInputException {
        ZipInputStream zip = new ZipInputStream(in);
        Plain firstCopy = null;
        ZipEntry entry;
        while (true) {
            try {
                entry = zip.getNextEntry();
            } catch (IOException e) {
                if (firstCopy != null) {
                    // Damage after the first entry: that entry is all there is, and may not be the recording.
                    return new Plain(firstCopy.path(), name + ": the zip archive is damaged after its first entry ("
                            + e.getMessage() + "); reading that entry");
                }
                throw new BadInputException(name + ": the zip archive is damaged before its first entry ("
                        + e.getMessage() + ")", e);
            }
            if (entry == null) {
                break;
            }
            if (entry.isDirectory()) {
                continue;
            }
            if (isJfrName(entry)) {
                if (firstCopy != null) {
                    temporaries.remove(firstCopy.path());
                    Files.deleteIfExists(firstCopy.path());
                }
                return copy(name, "zip", zip, s -> s, temporaries);
            }
            if (firstCopy == null) {
                firstCopy = copy(name, "zip", zip, s -> s, temporaries);
                if (firstCopy.warning() != null) {
                    return firstCopy; // cut inside it: nothing follows
                }
            }
        }
        if (firstCopy == null) {
            throw new BadInputException(name + ": the zip archive is empty");
        }
        return firstCopy;
    }

    private static boolean isJfrName(ZipEntry entry) {
        return entry.getName().toLowerCase(Locale.ROOT).endsWith(".jfr");
    }

    /** Opens the decompressing stream over the raw one. */
    @FunctionalInterface
    private interface Decoder {
        InputStream open(InputStream raw) throws IOException;
    }

    /**
     * Copies the decoded bytes to a new temporary file. A failure to read (compressed data that ends early or is
     * damaged, a pipe that breaks) keeps what was copied and says so; a failure to write (a full disk) is the
     * temporary directory's problem and says where it is.
     *
     * @param format the compression, for messages; null for a pipe's plain bytes
     */
    private static Plain copy(String name, String format, InputStream raw, Decoder decoder, List<Path> temporaries)
            throws IOException, BadInputException {
        Path temp = Files.createTempFile("leakline-", ".jfr");
        temporaries.add(temp);
        long copied = 0;
        String what = format == null ? "the stream" : "the " + format + " data";
        try (OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[BUFFER];
            InputStream in = null;
            while (true) {
                int n;
                try {
                    if (in == null) {
                        in = decoder.open(raw); // reads the compression header, which may itself be cut
                    }
                    n = in.read(buffer);
                } catch (IOException e) {
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    if (copied == 0) {
                        throw new BadInputException(name + ": " + what + " could not be read (" + reason
                                + "); nothing decompressed", e);
                    }
                    return new Plain(temp, name + ": " + what + " ends early or is damaged after " + copied
                            + " bytes (" + reason + "); reading what was decompressed");
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new BadInputException(name + ": cannot write its temporary copy in " + temp.getParent()
                            + " (" + e.getMessage() + "); free space there or point java.io.tmpdir elsewhere "
                            + "(LEAKLINE_JAVA_OPTS=-Djava.io.tmpdir=DIR)", e);
                }
                copied += n;
            }
        }
        return new Plain(temp, null);
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Deletes temporary files, ignoring failures: they are in the temp directory anyway. */
    static void deleteAll(List<Path> temporaries) {
        for (Path temp : new ArrayList<>(temporaries)) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
