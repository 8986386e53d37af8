package dev.leakline.scenarios.truth;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Client threads the scenario expects alive at the end, grouped by name pattern and the site of the
 * client that owns them.
 *
 * @param namePattern the thread name with each run of digits folded to {@code #}
 * @param count       how many such threads
 * @param site        the line that built the client owning them
 */
@JsonPropertyOrder({"namePattern", "count", "site"})
public record ThreadTruth(String namePattern, int count, String site) {
}
