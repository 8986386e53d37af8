package dev.leakline.engine.findings;

/**
 * One thing the analysis found, in a fixed shape: every finding has a severity, a one-sentence summary, an
 * explanation and a suggested fix.
 *
 * @param kind    what it is about: a verdict name ({@code leaked}, {@code recovered}, {@code drained_not_closed},
 *                {@code closed_unread}), {@code threads}, {@code data_loss} or {@code no_events}
 * @param site    the application line it is about, null when none
 * @param count   how many responses or threads it covers
 */
public record Finding(Severity severity, String kind, String site, long count, String summary, String explanation,
        String fix) {
}
