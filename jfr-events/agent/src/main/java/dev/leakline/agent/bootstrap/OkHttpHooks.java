package dev.leakline.agent.bootstrap;

/** What the advice inlined into OkHttp calls; OkHttp's types are {@code Object} here (the bootstrap loader cannot see them). */
public interface OkHttpHooks {
    /** A new {@code OkHttpClient.Builder} was constructed. */
    void builderCreated(Object builder);

    /** The event listener factory to set instead of {@code factory}. */
    Object eventListenerFactory(Object factory);
}
