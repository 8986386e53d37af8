package dev.leakline.analyzer.robust;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Decides whether one analyzer run on a damaged recording behaved: a report (exit 0 or 1, valid JSON, and warnings
 * naming the skipped chunks whenever something was skipped) or a refusal (exit 2, exactly one line on stderr, no
 * stack trace). Everything else is a failure: an exception or error escaping, another exit code, a multi-line
 * error, a time-out.
 */
final class Classifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The class of an outcome: good ones start with "ok", the rest are failures. */
    record Verdict(String outcome, String detail) {
        boolean ok() {
            return outcome.startsWith("ok");
        }
    }

    private Classifier() {
    }

    /**
     * @param sourceWarns whether the intact source already gets warnings (then a whole-chunk cut may keep them)
     */
    static Verdict classify(RobustCli.Run run, Corruption corruption, boolean sourceWarns) {
        if (run.timedOut()) {
            return new Verdict("FAIL timeout", "no answer within the bound");
        }
        if (run.escaped() != null) {
            Throwable t = run.escaped();
            String kind = t instanceof OutOfMemoryError ? "FAIL out of memory" : "FAIL escaped";
            return new Verdict(kind, t.toString());
        }
        if (!run.logged().isEmpty()) {
            return new Verdict("FAIL library logged to stderr", run.logged().get(0));
        }
        List<String> errLines = lines(run.err());
        for (String line : errLines) {
            if (line.startsWith("\tat ") || line.startsWith("Caused by:") || !line.startsWith("leakline: ")) {
                return new Verdict("FAIL stray stderr", line);
            }
        }
        switch (run.exitCode()) {
            case 2:
                if (errLines.size() != 1) {
                    return new Verdict("FAIL exit 2 not one line", errLines.size() + " lines: " + run.err());
                }
                if (!run.out().isBlank()) {
                    return new Verdict("FAIL exit 2 with a report", firstLine(run.out()));
                }
                return new Verdict("ok exit 2 (one line)", errLines.get(0));
            case 0:
            case 1:
                return report(run, corruption, errLines, sourceWarns);
            default:
                return new Verdict("FAIL exit " + run.exitCode(), firstLine(run.err()));
        }
    }

    private static Verdict report(RobustCli.Run run, Corruption corruption, List<String> errLines,
            boolean sourceWarns) {
        JsonNode json;
        try {
            json = JSON.readTree(run.out());
        } catch (Exception e) {
            return new Verdict("FAIL report is not JSON", e.getMessage());
        }
        if (json == null || json.path("exitCode").asInt(-1) != run.exitCode()) {
            return new Verdict("FAIL report exit code differs", String.valueOf(json));
        }
        List<String> warnings = new ArrayList<>();
        json.path("warnings").forEach(w -> warnings.add(w.asText()));
        for (String w : warnings) {
            if (w.contains("\n") || w.contains("\r")) {
                return new Verdict("FAIL multi-line warning", w);
            }
        }
        for (String line : errLines) {
            if (!line.startsWith("leakline: warning: ")) {
                return new Verdict("FAIL stderr beside a report", line);
            }
        }
        long skipped = 0;
        for (JsonNode chunk : json.path("recording").path("chunks")) {
            if (!"read".equals(chunk.path("outcome").asText())) {
                skipped++;
            }
        }
        boolean named = warnings.stream().anyMatch(w -> w.contains("chunk") || w.contains("byte"));
        if ((skipped > 0 || corruption.cutsInsideChunk()) && !named) {
            return new Verdict("FAIL damage without a warning",
                    skipped + " chunk(s) not read, warnings " + warnings);
        }
        if (corruption.keepsWholeChunks() && !sourceWarns && !warnings.isEmpty()) {
            return new Verdict("FAIL warning on a whole recording", warnings.toString());
        }
        String base = "ok exit " + run.exitCode();
        return new Verdict(warnings.isEmpty() ? base : base + " with warning", warnings.isEmpty() ? "" : warnings.get(0));
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String firstLine(String text) {
        List<String> lines = lines(text);
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
