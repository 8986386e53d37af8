package dev.leakline.engine.findings;

/** How urgent a finding is. */
public enum Severity {
    /** Responses leaked: connections and memory are being lost now. */
    ERROR,
    /** Something held resources longer than it should, or the analysis may be incomplete. */
    WARNING,
    /** Worth knowing, nothing to fix. */
    INFO;

    /** The JSON name: {@code error}, {@code warning}, {@code info}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
