package dev.leakline.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which threads may outlive a test: JVM, JFR, JUnit and shared-pool threads that exist whatever the test
 * does (goleak's lesson: without these the check is noise), plus the user's patterns.
 */
final class ThreadFilter {
    /**
     * Whole-name patterns. The JDK HttpClient's {@code Worker} threads are a cached pool that outlives
     * even a shared, healthy client by 60 s; its {@code SelectorManager} thread is the one that tells a
     * client left open, so it is not listed.
     */
    static final List<String> BUILT_IN = List.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener", "Notification Thread",
            "Common-Cleaner", "process reaper", "DestroyJavaVM",
            "JFR.*",
            "Keep-Alive-Timer", "Keep-Alive-SocketCleaner",
            "ForkJoinPool\\.commonPool-worker-\\d+",
            "ForkJoinPool-\\d+-worker-\\d+",
            "junit-jupiter-timeout-watcher",
            "surefire-forkedjvm-.*",
            "HttpClient-\\d+-Worker-\\d+",
            "RMI .*");

    private final List<Pattern> patterns;

    ThreadFilter(List<Pattern> user) {
        List<Pattern> all = new ArrayList<>();
        for (String regex : BUILT_IN) {
            all.add(Pattern.compile(regex));
        }
        all.addAll(user);
        this.patterns = List.copyOf(all);
    }

    boolean ignores(String threadName) {
        for (Pattern p : patterns) {
            if (p.matcher(threadName).matches()) {
                return true;
            }
        }
        return false;
    }
}
