package dev.leakline.analyzer.read;

import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;

/**
 * The fields of the event JMC hands to one type's sink, as the values array it decoded ({@link #of}); one instance per
 * event type and chunk, reused for each event.
 */
final class JmcEventFields implements EventFields {
    private final SharedStrings.Recent[] recent;
    private Object[] values;

    /** @param fields how many fields the type has; {@code strings} the chunk's shared strings */
    JmcEventFields(int fields, SharedStrings strings) {
        recent = new SharedStrings.Recent[fields];
        for (int i = 0; i < fields; i++) {
            recent[i] = strings.new Recent();
        }
    }

    /** This event's values, as JMC gives them. */
    JmcEventFields of(Object[] eventValues) {
        values = eventValues;
        return this;
    }

    private Object get(int slot) {
        return slot < 0 || slot >= values.length ? null : values[slot];
    }

    @Override
    public long time(int slot) {
        Object value = get(slot);
        if (value instanceof IQuantity q) {
            return q.clampedLongValueIn(UnitLookup.EPOCH_NS);
        }
        return value instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public long number(int slot, long absent) {
        Object value = get(slot);
        if (value instanceof IQuantity q) {
            return q.longValue();
        }
        return value instanceof Number n ? n.longValue() : absent;
    }

    @Override
    public boolean bool(int slot) {
        return get(slot) instanceof Boolean b && b;
    }

    @Override
    public String text(int slot) {
        Object value = get(slot);
        return value == null ? null : value.toString();
    }

    @Override
    public String sharedText(int slot) {
        String value = text(slot);
        return slot < 0 || slot >= recent.length ? value : recent[slot].share(value);
    }

    @Override
    public IMCThread thread(int slot) {
        return get(slot) instanceof IMCThread t ? t : null;
    }

    @Override
    public IMCStackTrace stack(int slot) {
        return get(slot) instanceof IMCStackTrace s ? s : null;
    }
}
