package dev.leakline.agent.okhttp;

import dev.leakline.agent.AgentWarnings;
import dev.leakline.agent.bootstrap.OkHttpHooks;
import dev.leakline.jfr.okhttp.LeaklineOkHttp;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * The hooks for OkHttp: the adapter's own public calls ({@link LeaklineOkHttp#instrument(OkHttpClient.Builder)},
 * {@link LeaklineOkHttp#eventListenerFactory}), nothing more. When the application's OkHttp is not visible from
 * the agent's class loader, says so once and does nothing more.
 */
public final class OkHttpClientHooks implements OkHttpHooks {
    /** {@code instrument} builds a client from the builder to read its factory: that builder must not recurse. */
    private static final ThreadLocal<Boolean> INSTRUMENTING = ThreadLocal.withInitial(() -> false);
    private volatile boolean unavailable;

    @Override
    public void builderCreated(Object builder) {
        if (unavailable || INSTRUMENTING.get() || !(builder instanceof OkHttpClient.Builder)) {
            return;
        }
        INSTRUMENTING.set(true);
        try {
            LeaklineOkHttp.instrument((OkHttpClient.Builder) builder);
        } catch (LinkageError e) {
            unavailable(e);
        } finally {
            INSTRUMENTING.set(false);
        }
    }

    @Override
    public Object eventListenerFactory(Object factory) {
        try {
            return unavailable || !(factory instanceof EventListener.Factory) ? factory
                    : LeaklineOkHttp.eventListenerFactory((EventListener.Factory) factory, null);
        } catch (LinkageError e) {
            unavailable(e);
            return factory;
        }
    }

    private void unavailable(LinkageError e) {
        if (!unavailable) {
            unavailable = true;
            AgentWarnings.once("OkHttp is not visible from the agent's class loader (" + e + "); it is left alone");
        }
    }
}
