package dev.leakline.engine.sites;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.leakline.engine.event.Frame;

/**
 * Finds the application's frame in a stack: the line to fix. A frame is the application's when it is none of
 * <ul>
 * <li>Leakline's own ({@link #LEAKLINE_PREFIXES}): never a site;</li>
 * <li>a generated class (JDK dynamic proxies, CGLIB and ByteBuddy subclasses, lambda and other hidden classes): never
 * a site, whatever its package;</li>
 * <li>the JDK's ({@link #JDK_PREFIXES}) or a library's or framework's (the maintained list in
 * {@code library-prefixes.txt} beside this class, plus the user's {@code --skip-frames}).</li>
 * </ul>
 * The user's application packages ({@code --app-package}, and the package of the recording's main class) are the
 * strongest signal: when a stack has a frame in one of them, the first such frame is the site even if a library
 * frame comes before it, or if the package also matches a library prefix. When no frame qualifies, the site says so
 * ({@link #NO_APPLICATION_FRAME}) and names the innermost library frame.
 */
public final class FrameFilter {
    /** The JDK's packages. */
    public static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    /**
     * Leakline's runtime packages (the event library, its adapters and the agent's hooks): they sit at the top of every
     * recorded stack and are never the line to fix. Named one by one, not as {@code dev.leakline.}: Leakline's own
     * scenario and test programs ({@code dev.leakline.scenarios}, {@code dev.leakline.agent.programs}) are application
     * code, whose lines must be named.
     */
    public static final List<String> LEAKLINE_PREFIXES = List.of("dev.leakline.jfr.", "dev.leakline.agent.jdk.",
            "dev.leakline.agent.apache4.", "dev.leakline.agent.apache5.", "dev.leakline.agent.okhttp.",
            "dev.leakline.agent.bootstrap.", "dev.leakline.agent.shaded.");

    /** The shipped list of library and framework prefixes, in file order. */
    public static final List<String> LIBRARY_PREFIXES = load("library-prefixes.txt");

    /**
     * Every prefix skipped by default: the JDK's, Leakline's and the libraries'. Users add theirs with
     * {@code --skip-frames}.
     */
    public static final List<String> DEFAULT_SKIPPED_PREFIXES = concat(JDK_PREFIXES, LEAKLINE_PREFIXES,
            LIBRARY_PREFIXES);

    /** The site of responses recorded without a stack trace. */
    public static final String NO_STACK = "(no stack trace)";

    /** How a site without any application frame starts, in the reports and the JUnit failure message. */
    public static final String NO_APPLICATION_FRAME = "no application frame in the stack";

    private final List<String> skipped;
    private final List<String> extraSkipped;
    private final List<String> appPackages;
    /**
     * Sites already found, by stack instance: every response is asked its site by several reports, and the responses
     * of one stack share one (immutable) stack instance. Cleared when full, so it stays small whatever the recording.
     */
    private final Map<List<Frame>, String> sites = new IdentityHashMap<>();
    private static final int CACHED_SITES = 4096;

    private FrameFilter(List<String> extraSkipped, List<String> appPackages) {
        this.extraSkipped = List.copyOf(extraSkipped);
        this.skipped = concat(DEFAULT_SKIPPED_PREFIXES, extraSkipped);
        Set<String> packages = new LinkedHashSet<>();
        for (String p : appPackages) {
            // A package, not a name prefix: com.example.shop must not match com.example.shopping.
            packages.add(p.endsWith(".") ? p : p + ".");
        }
        this.appPackages = List.copyOf(packages);
    }

    /** The default prefixes plus {@code extra}, with no application package. */
    public static FrameFilter withExtraPrefixes(List<String> extra) {
        return new FrameFilter(extra, List.of());
    }

    /**
     * @param extraSkipped package prefixes that are not the application's, besides the defaults
     * @param appPackages  the application's own packages (explicit ones and the main class's package); a trailing
     *                     {@code .} is added where missing, so each names a package and its subpackages
     */
    public static FrameFilter of(List<String> extraSkipped, List<String> appPackages) {
        return new FrameFilter(extraSkipped, appPackages);
    }

    /** All skipped prefixes, defaults first. */
    public List<String> skippedPrefixes() {
        return skipped;
    }

    /** The prefixes the user added to the defaults. */
    public List<String> extraSkippedPrefixes() {
        return extraSkipped;
    }

    /** The application packages this filter prefers. */
    public List<String> appPackages() {
        return appPackages;
    }

    /**
     * Whether the frame's class was generated at run time: a JDK dynamic proxy ({@code $Proxy12},
     * {@code jdk.proxy2.$Proxy12}, {@code com.sun.proxy.$Proxy12}), a CGLIB or Spring subclass
     * ({@code Foo$$SpringCGLIB$$0}, {@code Foo$$EnhancerBySpringCGLIB$$1a2b}), a ByteBuddy class
     * ({@code Foo$ByteBuddy$abc}, {@code Foo$MockitoMock$1}), a lambda ({@code Foo$$Lambda/0x...}) or another hidden
     * class ({@code Foo/0x...}). Their names change from run to run and their code is not the user's.
     */
    public static boolean isGenerated(Frame frame) {
        String type = frame.type();
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple.startsWith("$Proxy") || type.contains("$$") || type.contains("$ByteBuddy$")
                || type.contains("$MockitoMock$") || type.contains("$HibernateProxy$") || type.contains("/0x")
                || type.contains("+0x") || type.startsWith("jdk.proxy") || type.startsWith("com.sun.proxy.");
    }

    /** Whether the frame is Leakline's own. */
    public static boolean isLeakline(Frame frame) {
        return startsWithAny(frame.type(), LEAKLINE_PREFIXES);
    }

    /** Whether the frame's class is in one of the application packages. */
    public boolean inAppPackage(Frame frame) {
        return startsWithAny(frame.type(), appPackages);
    }

    /**
     * Whether a frame belongs to the application: neither Leakline's, nor generated, nor (unless in an application
     * package) skipped.
     */
    public boolean isApplication(Frame frame) {
        if (isLeakline(frame) || isGenerated(frame)) {
            return false;
        }
        return inAppPackage(frame) || !startsWithAny(frame.type(), skipped);
    }

    /**
     * The index of the site's frame in the stack (innermost first), or -1 when the stack has no application frame:
     * the first frame in an application package if there is one, else the first application frame.
     */
    public int siteIndex(List<Frame> stack) {
        if (!appPackages.isEmpty()) {
            for (int i = 0; i < stack.size(); i++) {
                Frame frame = stack.get(i);
                if (inAppPackage(frame) && !isGenerated(frame) && !isLeakline(frame)) {
                    return i;
                }
            }
        }
        for (int i = 0; i < stack.size(); i++) {
            if (isApplication(stack.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Up to {@code max} application frames, innermost first, starting at the site: the site and its callers. */
    public List<Frame> applicationFrames(List<Frame> stack, int max) {
        int site = siteIndex(stack);
        if (site < 0) {
            return List.of();
        }
        List<Frame> frames = new ArrayList<>();
        for (int i = site; i < stack.size() && frames.size() < max; i++) {
            if (isApplication(stack.get(i))) {
                frames.add(stack.get(i));
            }
        }
        return List.copyOf(frames);
    }

    /**
     * The innermost frame of a library or framework: the code the application's line called, or, in a stack without
     * an application frame, the closest thing to it. Skips Leakline's and the JDK's frames when anything else is
     * there; a generated frame is named by {@link #stableName}. Null for an empty stack.
     */
    public Frame innermostLibraryFrame(List<Frame> stack) {
        Frame firstOther = null;
        for (Frame frame : stack) {
            if (isLeakline(frame)) {
                continue;
            }
            if (firstOther == null) {
                firstOther = frame;
            }
            if (!startsWithAny(frame.type(), JDK_PREFIXES) || isGenerated(frame)) {
                return frame;
            }
        }
        return firstOther != null ? firstOther : stack.isEmpty() ? null : stack.get(0);
    }

    /**
     * A generated frame under a name that does not change from run to run: a proxy's method as
     * {@code (proxy).method}, a CGLIB or ByteBuddy subclass as the class it extends. Other frames as they are.
     */
    public static String stableName(Frame frame) {
        String type = frame.type();
        String simple = type.substring(type.lastIndexOf('.') + 1);
        if (simple.startsWith("$Proxy") || type.startsWith("jdk.proxy") || type.startsWith("com.sun.proxy.")) {
            return "(proxy)." + frame.method();
        }
        for (String marker : List.of("$$", "$ByteBuddy$", "$MockitoMock$", "$HibernateProxy$", "/0x", "+0x")) {
            int at = type.indexOf(marker);
            if (at > 0) {
                return type.substring(0, at) + "." + frame.method() + " (generated)";
            }
        }
        return frame.toString();
    }

    /**
     * A frame under a stable name. For a frame that implements a proxy's method (an interface's default method, run
     * through a JDK proxy further down the stack), the interface method, marked {@code (through a proxy)}: the proxy's
     * own frame says only {@code $Proxy28}, a number that changes from run to run.
     */
    static String describe(Frame frame, List<Frame> stack) {
        if (isGenerated(frame)) {
            return stableName(frame);
        }
        boolean below = false;
        for (Frame outer : stack) {
            if (outer == frame) {
                below = true;
            } else if (below && isGenerated(outer) && stableName(outer).equals("(proxy)." + frame.method())) {
                return frame + " (through a proxy)";
            }
        }
        return frame.toString();
    }

    /**
     * The site a stack stands for: its application frame, or {@link #NO_APPLICATION_FRAME} with the innermost library
     * frame when it has none, or {@link #NO_STACK}.
     */
    public String siteOf(List<Frame> stack) {
        // Only an unmodifiable list can be remembered by identity (List.copyOf returns such a list itself).
        if (List.copyOf(stack) != stack) {
            return findSite(stack);
        }
        synchronized (sites) {
            String site = sites.get(stack);
            if (site == null) {
                if (sites.size() >= CACHED_SITES) {
                    sites.clear();
                }
                site = findSite(stack);
                sites.put(stack, site);
            }
            return site;
        }
    }

    private String findSite(List<Frame> stack) {
        int site = siteIndex(stack);
        if (site >= 0) {
            return stack.get(site).toString();
        }
        if (stack.isEmpty()) {
            return NO_STACK;
        }
        return NO_APPLICATION_FRAME + "; innermost library frame " + describe(innermostLibraryFrame(stack), stack);
    }

    /**
     * The package of a main class, as an application package, or null when it is none: a jar launched with
     * {@code -jar}, a class in the default package, or a launcher on the library list (Maven Surefire, Gradle's
     * test worker, an IDE's runner, Spring Boot's jar launcher) or one of Leakline's own programs.
     *
     * @param javaArguments {@code jdk.JVMInformation.javaArguments}: the main class (or jar) and its arguments
     */
    public static String mainClassPackage(String javaArguments) {
        if (javaArguments == null || javaArguments.isBlank()) {
            return null;
        }
        String main = javaArguments.strip().split("\\s+", 2)[0];
        if (main.endsWith(".jar") || main.contains("/") || main.contains("\\") || main.startsWith("-")) {
            return null;
        }
        int dot = main.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String pkg = main.substring(0, dot + 1);
        // Leakline's own programs (the recording scenarios, the bench) keep the plain rule: their sites are already
        // their own frames, and the committed reports of their recordings stay as they are.
        if (startsWithAny(main, DEFAULT_SKIPPED_PREFIXES) || main.startsWith("dev.leakline.")) {
            return null;
        }
        return pkg;
    }

    private static boolean startsWithAny(String type, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        Set<String> all = new LinkedHashSet<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }

    /** Reads a prefix list: one prefix a line, {@code #} comments, blank lines ignored. */
    static List<String> load(String resource) {
        try (InputStream in = FrameFilter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + FrameFilter.class);
            }
            List<String> prefixes = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int hash = line.indexOf('#');
                String prefix = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (!prefix.isEmpty()) {
                    prefixes.add(prefix);
                }
            }
            return List.copyOf(prefixes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
