package dev.leakline.agent.apache5;

import dev.leakline.agent.AgentWarnings;
import dev.leakline.agent.bootstrap.Apache5Hooks;
import dev.leakline.jfr.httpclient5.Apache5Tracking;

/**
 * The hooks for Apache HttpClient 5 classic: each one the adapter's own tracking ({@link Apache5Tracking}, the
 * code behind {@code LeaklineHttpClient5}). When the application's HttpClient is not visible from the agent's
 * class loader, says so once and does nothing more.
 */
public final class Apache5ClientHooks implements Apache5Hooks {
    private volatile boolean unavailable;

    @Override
    public void building(Object builder) {
        try {
            if (!unavailable) {
                Apache5Tracking.building(builder);
            }
        } catch (LinkageError e) {
            unavailable(e);
        }
    }

    @Override
    public Object connectionManager(Object manager) {
        try {
            return unavailable ? manager : Apache5Tracking.connectionManager(manager);
        } catch (LinkageError e) {
            unavailable(e);
            return manager;
        }
    }

    private void unavailable(LinkageError e) {
        if (!unavailable) {
            unavailable = true;
            AgentWarnings.once("Apache HttpClient 5 is not visible from the agent's class loader (" + e
                    + "); it is left alone");
        }
    }
}
