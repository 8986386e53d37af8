package dev.leakline.analyzer.html;

import dev.leakline.engine.timeline.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the HTML report shows, as plain values; the analyzer's findings map onto it. Strings may hold anything
 * a recording holds (including markup): {@link HtmlReport} escapes them all.
 *
 * @param summary counts per verdict and a one-sentence headline
 * @param timeline the computed series, charted as SVG
 * @param sites leak sites (and other non-clean verdict sites), most important first
 * @param threads thread findings, most important first
 * @param facts what was recorded where and how completely
 * @param generatedAt when the report was written (shown in the header)
 */
public record ReportModel(Summary summary, Timeline timeline, List<LeakSite> sites, List<ThreadFinding> threads,
        RecordingFacts facts, Instant generatedAt) {

    /** Copies the lists and requires every part. */
    public ReportModel {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(generatedAt, "generatedAt");
        sites = List.copyOf(sites);
        threads = List.copyOf(threads);
    }

    /**
     * The report's opening numbers.
     *
     * @param headline one sentence, e.g. "12 responses leaked at 1 site; 5 client threads still alive"
     * @param responses all responses the analyzer paired
     * @param verdicts count per verdict ({@code leaked}, {@code in_flight}, {@code closed_unread},
     *     {@code drained_not_closed}, {@code clean}, {@code recovered}, {@code orphan}), in display order
     */
    public record Summary(String headline, long responses, List<VerdictCount> verdicts) {
        /** Copies the list. */
        public Summary {
            Objects.requireNonNull(headline, "headline");
            verdicts = List.copyOf(verdicts);
        }
    }

    /**
     * One verdict's count.
     *
     * @param verdict the verdict as the JSON output names it
     * @param count responses with it
     */
    public record VerdictCount(String verdict, long count) {
        /** Requires the verdict. */
        public VerdictCount {
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * One place in the application that opened responses with the same non-clean verdict.
     *
     * @param verdict e.g. {@code leaked}
     * @param site the application frame, {@code Class.method(File.java:line)}
     * @param clients the HTTP clients seen here, e.g. {@code java.net.http}
     * @param pools the pools of their connections; empty when the client reports none
     * @param count responses opened here with this verdict
     * @param youngestAge the youngest such response's age at the end of the recording, {@code null} if not aged
     * @param medianAge the median age, {@code null} if not aged
     * @param oldestAge the oldest one's age, {@code null} if not aged
     * @param uris distinct (redacted) URIs, a sample when there are many
     * @param frames the full stack of one such open, top frame first; the frame equal to {@code site} is highlighted
     * @param advice the suggested fix, one or two sentences; {@code null} for none
     */
    public record LeakSite(String verdict, String site, List<String> clients, List<String> pools, long count,
            Duration youngestAge, Duration medianAge, Duration oldestAge, List<String> uris, List<String> frames,
            String advice) {
        /** Copies the lists. */
        public LeakSite {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(site, "site");
            clients = List.copyOf(clients);
            pools = List.copyOf(pools);
            uris = List.copyOf(uris);
            frames = List.copyOf(frames);
        }
    }

    /**
     * A finding about threads alive at the end (typically clients built and never closed).
     *
     * @param severity e.g. {@code warning}
     * @param summary one sentence
     * @param namePattern the thread name with digits folded to {@code #}, e.g. {@code HttpClient-#-SelectorManager}
     * @param aliveAtEnd how many such threads were alive when the recording ended
     * @param creatorSite the application frame that started them, {@code null} when unknown
     * @param creatorFrames application frames of that start, innermost first; may be empty
     * @param relatedSites leak sites that look related, each with the reason, one line each
     */
    public record ThreadFinding(String severity, String summary, String namePattern, long aliveAtEnd,
            String creatorSite, List<String> creatorFrames, List<String> relatedSites) {
        /** Copies the lists. */
        public ThreadFinding {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(namePattern, "namePattern");
            creatorFrames = List.copyOf(creatorFrames);
            relatedSites = List.copyOf(relatedSites);
        }
    }

    /**
     * What was recorded.
     *
     * @param files the .jfr files read, as given on the command line
     * @param jvm the JVM name and version (from {@code jdk.JVMInformation}), e.g. {@code OpenJDK 64-Bit Server VM
     *     17.0.15+6-Debian-1deb12u1}; several runs of different builds are joined with commas; {@code null} when
     *     unknown
     * @param jdk the Java runtime version (the {@code JRE (...)} part of {@code jdk.JVMInformation.jvmVersion}),
     *     e.g. {@code 25.0.3+9-LTS}; {@code null} when unknown
     * @param start the earliest chunk start
     * @param end the latest chunk end
     * @param chunks chunks read
     * @param dataLoss one line per window where events may be missing (JFR data loss, damaged or unread chunks);
     *     empty when the recording is complete
     * @param warnings problems that did not stop the analysis, one line each
     * @param other further facts in display order (JVM runs, arguments, orphan closes, ...)
     */
    public record RecordingFacts(List<String> files, String jvm, String jdk, Instant start, Instant end, int chunks,
            List<String> dataLoss, List<String> warnings, List<Fact> other) {
        /** Copies the lists. */
        public RecordingFacts {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            files = List.copyOf(files);
            dataLoss = List.copyOf(dataLoss);
            warnings = List.copyOf(warnings);
            other = List.copyOf(other);
        }
    }

    /**
     * A named fact.
     *
     * @param name e.g. {@code JVM arguments}
     * @param value its value
     */
    public record Fact(String name, String value) {
        /** Requires both. */
        public Fact {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
