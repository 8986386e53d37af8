package dev.leakline.agent.bootstrap;

/**
 * What the advice inlined into Apache HttpClient 5 classic calls. Apache's types are {@code Object} here: this
 * interface lives on the bootstrap class path, which cannot see them.
 */
public interface Apache5Hooks {
    /** {@code HttpClientBuilder.build()} is starting on {@code builder}. */
    void building(Object builder);

    /** The connection manager a new {@code InternalHttpClient} is to use instead of {@code manager}. */
    Object connectionManager(Object manager);
}
