package dev.leakline.analyzer.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.openjdk.jmc.common.io.IOToolkit;

/** Finds the recordings an input names and undoes compression, so the chunk reader always sees a plain file. */
final class InputFiles {
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] LZ4 = {0x04, 0x22, 0x4d, 0x18};

    private InputFiles() {
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

    private static boolean looksLikeRecording(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jfr") || name.endsWith(".jfr.gz") || name.endsWith(".jfr.zip")
                || name.endsWith(".jfr.lz4") || name.endsWith(".zip") || name.endsWith(".gz") || name.endsWith(".lz4");
    }

    /**
     * The plain recording for {@code file}: the file itself, or a temporary file holding its decompressed bytes
     * (which the caller deletes). Decompressing to disk, not memory, keeps the heap independent of the file size.
     */
    static Path plain(Path file, List<Path> temporaries) throws IOException, BadInputException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, n, GZIP)) {
            return decompress(file, new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file))),
                    temporaries);
        }
        if (startsWith(head, n, LZ4)) {
            // JMC's IOToolkit decodes the LZ4 frame format (JMC itself depends on lz4-java for it).
            return decompress(file, IOToolkit.openUncompressedStream(Files.newInputStream(file)), temporaries);
        }
        if (startsWith(head, n, ZIP)) {
            return unzip(file, temporaries);
        }
        return file;
    }

    private static Path unzip(Path file, List<Path> temporaries) throws IOException, BadInputException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
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
                if (chosen == null && entry.getName().toLowerCase(Locale.ROOT).endsWith(".jfr")) {
                    chosen = entry;
                }
            }
            if (chosen == null) {
                chosen = first;
            }
            if (chosen == null) {
                throw new BadInputException(file + ": the zip archive is empty");
            }
            return decompress(file, zip.getInputStream(chosen), temporaries);
        }
    }

    private static Path decompress(Path file, InputStream in, List<Path> temporaries) throws IOException {
        Path temp = Files.createTempFile("leakline-", ".jfr");
        temporaries.add(temp);
        try (InputStream source = in) {
            Files.copy(source, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException(file + ": could not decompress (" + e.getMessage() + ")", e);
        }
        return temp;
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
