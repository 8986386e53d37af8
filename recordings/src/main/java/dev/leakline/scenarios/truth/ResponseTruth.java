package dev.leakline.scenarios.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One response the scenario opened.
 *
 * @param caseName       the case it belongs to ({@code case} in JSON)
 * @param site           the line that sent the request, {@code Class.method(File.java:line)}
 * @param method         the request method
 * @param path           the request path, without query
 * @param openedAtMillis wall-clock time the response head arrived, as the scenario saw it
 * @param readToEnd      whether the scenario read the body until -1
 * @param closed         whether the scenario closed the body
 * @param closedAtMillis when it closed it, null when it did not
 * @param expected       the verdict the analyzer must give; see {@link Verdict}
 * @param pool           the name of the pool (its client's, named after the downstream) the response came from;
 *                       null, and left out of the JSON, when the scenario named none
 */
@JsonPropertyOrder({"case", "site", "method", "path", "openedAtMillis", "readToEnd", "closed", "closedAtMillis",
        "expected", "pool"})
public record ResponseTruth(@JsonProperty("case") String caseName, String site, String method, String path,
        long openedAtMillis, boolean readToEnd, boolean closed, Long closedAtMillis, String expected,
        @JsonInclude(JsonInclude.Include.NON_NULL) String pool) {
}
