package dev.leakline.scenarios.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One {@code NAME.truth.json}: what a scenario knows it did, written beside {@code NAME.jfr}. The schema
 * is described in {@code docs/truth-files.md}.
 *
 * @param schema            the schema version, {@value #SCHEMA}
 * @param scenario          the scenario name, for example {@code four-cases-small}
 * @param client            the client library, as the adapter names it in {@code leakline.ResponseOpened}
 * @param java              the {@code java.version} the scenario ran on
 * @param recording         the recording's file name
 * @param minAgeMillis      the analyzer's default minimum age, which {@code expected} verdicts assume
 * @param responses         every response whose open or close the recording holds
 * @param clients           the clients the scenario built
 * @param threadsAliveAtEnd the client threads the scenario expects alive when the recording is dumped
 * @param cases             per case, what the server saw of the client's connections
 * @param notes             free text
 */
@JsonPropertyOrder({"schema", "scenario", "client", "java", "recording", "minAgeMillis", "responses", "clients",
        "threadsAliveAtEnd", "cases", "notes"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TruthFile(int schema, String scenario, String client, String java, String recording,
        long minAgeMillis, List<ResponseTruth> responses, List<ClientTruth> clients,
        List<ThreadTruth> threadsAliveAtEnd, List<CaseTruth> cases, String notes) {
    /** The schema version this module writes. */
    public static final int SCHEMA = 1;
}
