package dev.leakline.analyzer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A report file given with {@code -o}: written to a temporary file in the same directory and renamed over the
 * target only when complete, so a full disk or a crash never leaves a cut report (or a cut half of an old one)
 * behind. The temporary file is created before the analysis starts, so an unwritable directory fails at once.
 *
 * <pre>{@code
 * try (OutputFile file = OutputFile.open(cli, output)) {
 *     report.write(file.writer());
 *     file.commit();
 * }
 * }</pre>
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    private final String shown;
    private final Path temp;
    private final PrintWriter writer;
    private boolean committed;

    private OutputFile(Path target, String shown, Path temp, PrintWriter writer) {
        this.target = target;
        this.shown = shown;
        this.temp = temp;
        this.writer = writer;
    }

    /**
     * Checks the target (a usage error when its directory is missing or it is a directory) and creates the
     * temporary file beside it.
     *
     * @throws OutputException when the directory is not writable
     */
    static OutputFile open(CommandLine cli, Path output) throws OutputException {
        Path target = output.toAbsolutePath();
        Path parent = target.getParent();
        if (parent == null || !Files.exists(parent)) {
            throw new ParameterException(cli, "-o " + output + ": the directory " + parent
                    + " does not exist; create it first");
        }
        if (!Files.isDirectory(parent)) {
            throw new ParameterException(cli, "-o " + output + ": " + parent + " is a file, not a directory");
        }
        if (Files.isDirectory(target)) {
            throw new ParameterException(cli, "-o " + output + " is a directory; name a file, e.g. "
                    + output.resolve("report.html"));
        }
        String shown = "-o " + output;
        Path temp;
        try {
            temp = createBeside(target);
        } catch (IOException | UnsupportedOperationException e) {
            throw new OutputException(shown + ": cannot write in " + parent + " (" + reason(e) + ")", e);
        }
        try {
            return new OutputFile(target, shown, temp,
                    Output.checked(Files.newOutputStream(temp), StandardCharsets.UTF_8));
        } catch (IOException e) {
            delete(temp);
            throw new OutputException(shown + ": cannot write in " + parent + " (" + reason(e) + ")", e);
        }
    }

    /**
     * A new empty file beside the target, hidden and named after it, so a leftover (after a kill -9) says what it
     * was. Not {@link Files#createTempFile}: that makes the file private (0600), and the report would keep that mode
     * after the rename; a plain create gives the mode any new file gets (the umask's).
     */
    private static Path createBeside(Path target) throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0;; attempt++) {
            Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(
                    random.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** Where to write the report. */
    PrintWriter writer() {
        return writer;
    }

    /** Ends the file and renames it over the target; on failure nothing is left behind. */
    void commit() throws OutputException {
        try {
            Output.check(writer, shown);
            writer.close(); // a closed PrintWriter's checkError() does not flush, so this sees close() alone
            if (writer.checkError()) {
                IOException failure = writer instanceof Output.CheckedWriter checked ? checked.failure() : null;
                throw new OutputException(shown, failure);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new OutputException(shown + ": cannot write (" + reason(e) + "); nothing was written", e);
        } catch (OutputException e) {
            Throwable cause = e.getCause();
            throw new OutputException(shown + ": cannot write (" + (cause == null ? "write error" : reason(cause))
                    + "); nothing was written", cause);
        }
    }

    /** Deletes the temporary file unless it became the target. */
    @Override
    public void close() {
        if (!committed) {
            writer.close();
            delete(temp);
        }
    }

    private static void delete(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more can be done; the name says what it was
        }
    }

    /** The OS's reason; a file-system exception's message is only the path, which the line already names. */
    static String reason(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason();
            }
            if (e instanceof java.nio.file.AccessDeniedException) {
                return "Permission denied";
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                return "No such file or directory";
            }
            return e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
