package dev.leakline.analyzer.read;

import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;

/**
 * One event's fields as {@link ChunkSinks} converts them into a record, by slot (the field's position in its type,
 * -1 when the type lacks the field): read from the values JMC decoded ({@link JmcEventFields}) or straight from the
 * chunk's bytes ({@link DirectEvents}), so each event type is converted by one piece of code either way.
 */
interface EventFields {
    /** A {@code @Timestamp} field in epoch nanoseconds (0 when absent). */
    long time(int slot);

    /** A number, {@code absent} when the type lacks the field. */
    long number(int slot, long absent);

    /** A boolean, false when absent. */
    boolean bool(int slot);

    /** A string, null when absent or null. */
    String text(int slot);

    /** A string many events repeat (a client, a method, a pool): one instance per value and chunk. */
    String sharedText(int slot);

    /** A thread, null when absent or unresolved. */
    IMCThread thread(int slot);

    /** A stack trace, null when absent or unresolved. */
    IMCStackTrace stack(int slot);
}
