package dev.leakline.engine.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Thread name patterns that are long-lived by design (JVM, JFR and common pool threads) and so never a finding.
 * Globs ({@code *} any text, {@code ?} one character) match the folded name. Client threads such as
 * {@code HttpClient-#-SelectorManager} are deliberately not here: they outliving their work is the finding.
 */
public final class ThreadIgnoreList {
    /** The built-in globs, matched against folded names. */
    public static final List<String> BUILT_IN = List.of(
            "main", "DestroyJavaVM", "Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener",
            "Common-Cleaner", "Notification Thread", "Service Thread", "Monitor Deflation Thread",
            "C# CompilerThread*", "Sweeper thread", "GC Thread*", "G# *", "VM *", "Common-Cleaner*", "process reaper*", "JFR *", "JFR: *", "Java2D Disposer",
            "ForkJoinPool.commonPool-worker-#", "ForkJoinPool-#-worker-#", "surefire-forkedjvm-*",
            "RMI *", "JMX *", "Thread-JFR-*",
            "Read-Poller", "Write-Poller", "*-Poller", "VirtualThread-unparker", "Keep-Alive-Timer",
            "Keep-Alive-SocketCleaner", "InnocuousThread-#", "leakline-*", "JMC-*",
            // OkHttp 4+: one task thread pool shared by every client in the JVM, idle threads exit after 60 s.
            "OkHttp TaskRunner",
            // JVM-wide singletons started by whichever call needed them first (so their jdk.ThreadStart stack names
            // that application line, which did nothing wrong): Okio's timeout watchdog (OkHttp), the virtual-thread
            // pollers and unblocker (JDK 21+), ForkJoinPool's delay scheduler (JDK 25).
            "Okio Watchdog", "Read-Poller*", "Write-Poller*", "VirtualThread-unblocker", "*-delayScheduler",
            "*DelayScheduler*");

    private final List<String> globs;
    private final List<Pattern> patterns;

    private ThreadIgnoreList(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.patterns = globs.stream().map(ThreadIgnoreList::toRegex).toList();
    }

    /** The built-in list plus the user's globs. */
    public static ThreadIgnoreList withExtra(List<String> extra) {
        List<String> all = new ArrayList<>(BUILT_IN);
        all.addAll(extra);
        return new ThreadIgnoreList(all);
    }

    /** Every glob in use, built-in first. */
    public List<String> globs() {
        return globs;
    }

    /** Whether a folded thread name is ignored. */
    public boolean ignores(String foldedName) {
        for (Pattern p : patterns) {
            if (p.matcher(foldedName).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
