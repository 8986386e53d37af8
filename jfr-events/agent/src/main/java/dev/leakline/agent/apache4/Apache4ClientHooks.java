package dev.leakline.agent.apache4;

import dev.leakline.agent.bootstrap.Apache4Hooks;
import dev.leakline.jfr.httpclient4.Apache4Tracking;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hooks for Apache HttpClient 4.5: each one the adapter's own tracking ({@link Apache4Tracking}). When
 * the application's HttpClient is not visible from the agent's class loader (an application server or a
 * fat-jar launcher loading it elsewhere), says so once and does nothing more.
 */
public final class Apache4ClientHooks implements Apache4Hooks {
    private final AtomicBoolean unavailable = new AtomicBoolean();

    @Override
    public void routeRequested(Object route) {
        try {
            if (!unavailable.get()) {
                Apache4Tracking.routeRequested(route);
            }
        } catch (LinkageError e) {
            unavailable(e);
        }
    }

    @Override
    public void leased(Object connection) {
        try {
            if (!unavailable.get()) {
                Apache4Tracking.leased(connection);
            }
        } catch (LinkageError e) {
            unavailable(e);
        }
    }

    @Override
    public Object releasing(Object connection) {
        try {
            return unavailable.get() ? null : Apache4Tracking.releasing(connection);
        } catch (LinkageError e) {
            unavailable(e);
            return null;
        }
    }

    @Override
    public void released(Object release) {
        try {
            if (release != null) {
                Apache4Tracking.released(release);
            }
        } catch (LinkageError e) {
            unavailable(e);
        }
    }

    @Override
    public void responseArrived(Object response, Object context) {
        try {
            if (!unavailable.get()) {
                Apache4Tracking.responseArrived(response, context);
            }
        } catch (LinkageError e) {
            unavailable(e);
        }
    }

    private void unavailable(LinkageError e) {
        if (unavailable.compareAndSet(false, true)) {
            dev.leakline.agent.AgentWarnings.once("Apache HttpClient 4 is not visible from the agent's class loader ("
                    + e + "); it is left alone");
        }
    }
}
