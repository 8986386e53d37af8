package dev.leakline.jfr;

import dev.leakline.jfr.internal.Emitter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One response between {@link Leakline#responseOpened opened} and finished. An adapter calls
 * {@link #bodyRead}, {@link #bodyDrained} and {@link #closed} as the application consumes the body.
 *
 * <p>Each of drained and closed is recorded at most once, whatever the number of calls and threads:
 * a second {@code close()} records nothing. No method throws. The object holds no reference to the
 * response, its body or its client, so a response the application abandons can still be collected.
 *
 * <p>When no recording wants Leakline events at open time, adapters get {@link #NONE}, on which every
 * method does nothing.
 */
public final class TrackedResponse {
    /** The response that is not tracked because nothing was recording when it opened. */
    public static final TrackedResponse NONE = new TrackedResponse(0);

    private static final int DRAINED = 1;
    private static final int CLOSED = 2;
    private static final VarHandle STATE;
    private static final VarHandle BYTES_READ;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(TrackedResponse.class, "state", int.class);
            BYTES_READ = lookup.findVarHandle(TrackedResponse.class, "bytesRead", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id;
    /**
     * {@link System#nanoTime()} when the response opened, for the {@code openFor} of drained and closed. A
     * number, not the open event: the handle keeps no reference to anything but itself.
     */
    private final long openedAt;
    @SuppressWarnings("unused") // Accessed through STATE.
    private volatile int state;
    @SuppressWarnings("unused") // Accessed through BYTES_READ.
    private volatile long bytesRead;

    TrackedResponse(long id) {
        this.id = id;
        this.openedAt = id == 0 ? 0 : System.nanoTime();
    }

    /** The response id recorded in every event of this response; 0 for {@link #NONE}. */
    public long id() {
        return id;
    }

    /** Whether events are recorded for this response (false only for {@link #NONE}). */
    public boolean isTracked() {
        return id != 0;
    }

    /** The number of body bytes the application has read so far. */
    public long bytesRead() {
        return (long) BYTES_READ.getVolatile(this);
    }

    /** Whether the body was read to its end. */
    public boolean isDrained() {
        return (((int) STATE.getVolatile(this)) & DRAINED) != 0;
    }

    /** Whether the body was closed. */
    public boolean isClosed() {
        return (((int) STATE.getVolatile(this)) & CLOSED) != 0;
    }

    /** Counts {@code n} body bytes read by the application. */
    public void bodyRead(long n) {
        if (id != 0 && n > 0) {
            BYTES_READ.getAndAdd(this, n);
        }
    }

    /**
     * The body was read to its end (a read returned -1, or the library buffered it whole).
     * Records {@code leakline.ResponseDrained} the first time only.
     */
    public void bodyDrained(Actor by) {
        if (id != 0 && (setFlag(DRAINED) & DRAINED) == 0) {
            Emitter.drained(id, bytesRead(), by.label(), openedAt);
        }
    }

    /**
     * The body was closed. Records {@code leakline.ResponseClosed} the first time only, saying whether
     * the body had been drained before.
     */
    public void closed(Actor by) {
        if (id != 0) {
            int before = setFlag(CLOSED);
            if ((before & CLOSED) == 0) {
                Emitter.closed(id, bytesRead(), (before & DRAINED) != 0, by.label(), openedAt);
            }
        }
    }

    /**
     * Sets {@code flag} atomically and returns the state as it was before. When the flag was already set
     * the result has the flag bit, so the caller knows it lost the race and records nothing.
     */
    private int setFlag(int flag) {
        int before;
        do {
            before = (int) STATE.getVolatile(this);
            if ((before & flag) != 0) {
                return before | flag;
            }
        } while (!STATE.compareAndSet(this, before, before | flag));
        return before;
    }

    @Override
    public String toString() {
        return id == 0 ? "TrackedResponse.NONE" : "TrackedResponse#" + id;
    }
}
