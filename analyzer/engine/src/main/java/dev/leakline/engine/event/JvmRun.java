package dev.leakline.engine.event;

/**
 * One run of one JVM. Response ids restart in every run, so pairing keys responses by (run, id).
 *
 * @param jvmStartEpochMillis when the JVM started (from {@code jdk.JVMInformation}), or the first chunk's start
 *                            when the recording holds no such event
 * @param pid                 the process id, -1 when unknown
 */
public record JvmRun(long jvmStartEpochMillis, long pid) {
    /*
     * Written out: runs are compared and hashed for every event the pairing reads, and the generated methods go
     * through a method handle per component. The hash is the generated one's (31 * first + second), so the order of
     * any map keyed by runs is unchanged.
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof JvmRun r && r.jvmStartEpochMillis == jvmStartEpochMillis && r.pid == pid;
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(jvmStartEpochMillis) + Long.hashCode(pid);
    }

    /** A short label for reports, e.g. {@code pid 4242 started 2026-11-23T04:00:01Z}. */
    public String label() {
        return (pid < 0 ? "pid ?" : "pid " + pid) + " started " + java.time.Instant.ofEpochMilli(jvmStartEpochMillis);
    }
}
