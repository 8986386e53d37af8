package dev.leakline.analyzer.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * Writers whose failures are not lost. {@link PrintWriter} (and {@code System.out}) swallow write errors, so a report
 * written to a full disk or a closed pipe used to end cut short with a success-looking exit code; these writers keep
 * the first error so that {@link #check} can turn it into one line and {@link ExitCodes#CANNOT_WRITE}.
 */
final class Output {
    private Output() {
    }

    /** Standard output, bypassing {@code System.out} (which hides errors), in the charset it would use. */
    static PrintWriter standardOutput() {
        return checked(new FileOutputStream(FileDescriptor.out), stdoutCharset());
    }

    /** A writer over {@code stream} that remembers its first write error. */
    static PrintWriter checked(OutputStream stream, Charset charset) {
        return new CheckedWriter(new BufferedWriter(new OutputStreamWriter(stream, charset), 1 << 16));
    }

    /**
     * Flushes {@code out} and throws when anything written to it failed.
     *
     * @param target what {@code out} writes to, for the message, e.g. {@code standard output}
     */
    static void check(PrintWriter out, String target) throws OutputException {
        out.flush();
        if (!out.checkError()) {
            return;
        }
        IOException failure = out instanceof CheckedWriter checked ? checked.failure() : null;
        String reason = failure == null || failure.getMessage() == null ? "write error" : failure.getMessage();
        throw new OutputException("cannot write the report to " + target + " (" + reason
                + "); what was written is incomplete", failure);
    }

    /** JDK 19 and later name the console's charset in {@code stdout.encoding}; before, it is the default one. */
    private static Charset stdoutCharset() {
        String name = System.getProperty("stdout.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** A print writer that keeps the first {@link IOException} its underlying writer threw. */
    static final class CheckedWriter extends PrintWriter {
        private final Recorder recorder;

        CheckedWriter(Writer writer) {
            this(new Recorder(writer));
        }

        private CheckedWriter(Recorder recorder) {
            super(recorder, false);
            this.recorder = recorder;
        }

        IOException failure() {
            return recorder.failure;
        }
    }

    /** Passes everything on and remembers the first failure (PrintWriter only keeps a flag). */
    private static final class Recorder extends FilterWriter {
        private IOException failure;

        Recorder(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            try {
                super.write(c);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            try {
                super.write(chars, offset, length);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(String s, int offset, int length) throws IOException {
            try {
                super.write(s, offset, length);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                super.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
