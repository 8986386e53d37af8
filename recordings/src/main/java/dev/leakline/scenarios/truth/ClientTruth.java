package dev.leakline.scenarios.truth;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A client the scenario built.
 *
 * @param site   the line that built it (where {@code build()} was called, as the thread start stack trace shows it)
 * @param closed whether the scenario closed it
 */
@JsonPropertyOrder({"site", "closed"})
public record ClientTruth(String site, boolean closed) {
}
