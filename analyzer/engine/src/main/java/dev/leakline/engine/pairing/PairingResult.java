package dev.leakline.engine.pairing;

import java.util.List;

/**
 * The outcome of pairing.
 *
 * @param responses every response not folded into {@code cleanGroups}: all problems, in-flight ones, and clean ones
 *                  whose events did not all arrive
 * @param cleanGroups clean responses, counted per client and opening stack
 * @param orphans   drains and closes without an open
 * @param connections connections with a known id, in order of first appearance
 */
public record PairingResult(List<Response> responses, List<CleanGroup> cleanGroups, List<Orphan> orphans,
        List<Connection> connections) {
    public PairingResult {
        connections = List.copyOf(connections);
        responses = List.copyOf(responses);
        cleanGroups = List.copyOf(cleanGroups);
        orphans = List.copyOf(orphans);
    }

    /** The number of responses with the given verdict, folded clean ones included. */
    public long count(Verdict verdict) {
        long n = responses.stream().filter(r -> r.verdict() == verdict).count();
        if (verdict == Verdict.CLEAN) {
            n += cleanGroups.stream().mapToLong(CleanGroup::count).sum();
        }
        return n;
    }
}
