package dev.leakline.scenarios.truth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the scenario's HTTP server saw of one case's connections, sampled when the case finished.
 *
 * @param caseName       the case ({@code case} in JSON)
 * @param requests       requests the server answered
 * @param connections    distinct TCP connections they came on
 * @param closedByClient of those, the ones the client had closed when the case finished
 * @param connection     {@link ConnectionUse#label} of the above: reused, closed or held
 */
@JsonPropertyOrder({"case", "requests", "connections", "closedByClient", "connection"})
public record CaseTruth(@JsonProperty("case") String caseName, int requests, int connections, int closedByClient,
        String connection) {
}
