package dev.leakline.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.scenarios.truth.ResponseTruth;
import dev.leakline.scenarios.truth.ThreadTruth;
import dev.leakline.scenarios.truth.TruthFile;
import dev.leakline.scenarios.truth.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks a recording's Leakline events against the truth file its scenario wrote. */
final class TruthCheck {
    private TruthCheck() {
    }

    /**
     * Per site (each case has its own, or shares its code path's): the responses the recording opened at
     * that line, the ones drained, closed by the application, and left with neither, are those the truth
     * file says; orphans (opened in a lost chunk) are closes without an open; and, unless chunks were
     * lost, the client threads alive at the end of the recording are those the truth file expects.
     */
    static void assertMatches(TruthFile truth, RecordingSummary recorded) {
        Map<String, List<ResponseTruth>> bySite = truth.responses().stream()
                .filter(r -> !r.expected().equals(Verdict.ORPHAN))
                .collect(Collectors.groupingBy(r -> RecordingSummary.key(r.site())));
        assertThat(recorded.openedBySite.keySet()).as("sites in %s", truth.recording())
                .containsExactlyInAnyOrderElementsOf(bySite.keySet());
        Set<Long> allOpened = new HashSet<>();
        for (Map.Entry<String, List<ResponseTruth>> e : bySite.entrySet()) {
            Set<Long> ids = recorded.openedBySite.get(e.getKey());
            allOpened.addAll(ids);
            List<ResponseTruth> rs = e.getValue();
            assertThat(ids).as("opened at %s", e.getKey()).hasSize(rs.size());
            assertThat(count(ids, recorded.drained)).as("drained at %s", e.getKey())
                    .isEqualTo(rs.stream().filter(ResponseTruth::readToEnd).count());
            assertThat(count(ids, recorded.closedByApplication)).as("closed at %s", e.getKey())
                    .isEqualTo(rs.stream().filter(ResponseTruth::closed).count());
            Set<Long> unfinished = new HashSet<>(ids);
            unfinished.removeAll(recorded.drained);
            unfinished.removeAll(recorded.closedByApplication);
            assertThat((long) unfinished.size()).as("neither drained nor closed at %s", e.getKey())
                    .isEqualTo(rs.stream().filter(r -> !r.readToEnd() && !r.closed()).count());
        }
        long orphans = truth.responses().stream().filter(r -> r.expected().equals(Verdict.ORPHAN)).count();
        assertThat(recorded.closedByApplication.stream().filter(id -> !allOpened.contains(id)).count())
                .as("closes without an open in %s", truth.recording()).isEqualTo(orphans);
        if (orphans == 0) {
            Map<String, Integer> expectedThreads = truth.threadsAliveAtEnd().stream().collect(
                    Collectors.groupingBy(ThreadTruth::namePattern, Collectors.summingInt(ThreadTruth::count)));
            expectedThreads.forEach((pattern, n) -> assertThat(recorded.threadsAlive.getOrDefault(pattern, 0))
                    .as("%s started and not ended in %s", pattern, truth.recording()).isEqualTo(n));
            for (ThreadTruth t : truth.threadsAliveAtEnd()) {
                if (t.site() != null) {
                    assertThat(recorded.aliveStartedAt(t.namePattern(), RecordingSummary.key(t.site())))
                            .as("%s started at %s, alive at the end of %s", t.namePattern(), t.site(),
                                    truth.recording())
                            .isEqualTo(t.count());
                }
            }
        }
    }

    private static long count(Set<Long> ids, Set<Long> in) {
        return ids.stream().filter(in::contains).count();
    }
}
