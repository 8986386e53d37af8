package dev.leakline.engine.pairing;

import java.util.List;

/**
 * The outcome of pairing.
 *
 * @param responses every response not folded into {@code cleanGroups}: all problems, in-flight ones, and clean ones
 *                  whose events did not all arrive, in order of open. Responses still unfinished may be built each
 *                  time the list is read (a new {@code Response} per {@code get}): go through it and keep what is
 *                  needed, not the elements, or a million leaks will not fit in a small heap
 * @param cleanGroups clean responses, counted per client and opening stack
 * @param orphans   drains and closes without an open
 * @param connections connections with a known id, in order of first appearance
 */
public record PairingResult(List<Response> responses, List<CleanGroup> cleanGroups, List<Orphan> orphans,
        List<Connection> connections) {
    public PairingResult {
        connections = connections instanceof BuiltOnAccess ? connections : List.copyOf(connections);
        // Built on demand: copying it would build every response at once.
        responses = responses instanceof BuiltOnAccess ? responses : List.copyOf(responses);
        cleanGroups = List.copyOf(cleanGroups);
        orphans = List.copyOf(orphans);
    }

    /** The number of responses with the given verdict, folded clean ones included. */
    public long count(Verdict verdict) {
        long n = responses instanceof JudgedResponses judged ? judged.count(verdict)
                : responses.stream().filter(r -> r.verdict() == verdict).count();
        if (verdict == Verdict.CLEAN) {
            n += cleanGroups.stream().mapToLong(CleanGroup::count).sum();
        }
        return n;
    }

    /** The number of responses whose verdict a data-loss window may have changed ({@link Response#uncertain}). */
    public long uncertain() {
        return responses instanceof JudgedResponses judged ? judged.uncertain()
                : responses.stream().filter(Response::uncertain).count();
    }
}
