package dev.leakline.bench.scripts.jmc;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmc.flightrecorder.internal.FlightRecordingLoader;
import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.IEventSinkFactory;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * The floor of any analyzer built on JMC's parser, as the analyzer uses it: one {@code FlightRecordingLoader.loadStream}
 * over the file with a parser extension whose sinks only count the events (JMC still decodes every field of every event
 * and resolves the constant pools before a sink sees it). Compiled and run against the analyzer's jar, which holds JMC.
 *
 * <p>Run: {@code java -cp leakline.jar:classes dev.leakline.bench.scripts.jmc.JmcPass big.jfr}. Prints
 * {@code key=value} lines for the bench script.
 */
public final class JmcPass {
    private JmcPass() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Paths.get(args[0]);
        AtomicLong events = new AtomicLong();
        IParserExtension counting = new IParserExtension() {
            @Override
            public IEventSinkFactory getEventSinkFactory(IEventSinkFactory subFactory) {
                return new IEventSinkFactory() {
                    @Override
                    public IEventSink create(String identifier, String label, String[] category, String description,
                            List<ValueField> dataStructure) {
                        return values -> events.incrementAndGet();
                    }

                    @Override
                    public void flush() {
                    }
                };
            }
        };
        long started = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            FlightRecordingLoader.loadStream(in, List.of(counting), false, false);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println("jmc_events=" + events.get());
        System.out.printf(Locale.ROOT, "jmc_pass_seconds=%.3f%n", seconds);
    }
}
