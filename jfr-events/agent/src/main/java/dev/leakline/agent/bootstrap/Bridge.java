package dev.leakline.agent.bootstrap;

/**
 * Where the advice finds the hooks: set once by the agent at start-up, null before (a class instrumented
 * before that does nothing extra). On the bootstrap class path, so every class loader sees the same field.
 */
public final class Bridge {
    /** The JDK clients' hooks, or null. */
    public static volatile JdkHooks jdk;
    /** Apache HttpClient 4.5's hooks, or null. */
    public static volatile Apache4Hooks apache4;
    /** OkHttp's hooks, or null. */
    public static volatile OkHttpHooks okhttp;

    private Bridge() {
    }
}
