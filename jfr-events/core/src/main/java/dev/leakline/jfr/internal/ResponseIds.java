package dev.leakline.jfr.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out response ids that are unique in the whole JVM, even when several copies of the library are
 * loaded by different class loaders (two web applications in one server, each with its own jar). The
 * analyzer pairs events by (recording of one JVM run, response id): two copies that both counted from 1
 * would make two responses one, and a leak would vanish in pairing.
 *
 * <h2>How</h2>
 * Each copy takes blocks of 2<sup>32</sup> ids; a block's number comes from a JVM-wide counter kept in
 * the system properties ({@value #PROPERTY}), the one mutable map every class loader reaches with JDK-only
 * code. The value stays a decimal {@code String}, so code that lists or stores the system properties is not
 * surprised, and it is advanced with {@code Properties.compute}, which is atomic (a {@code ConcurrentHashMap}
 * underneath since JDK 9). That costs one map update per copy and per four billion responses; every id is an
 * increment of the current block's own counter. The first copy's first block is block 0, so a JVM with one
 * copy numbers its responses 1, 2, 3, ... as before.
 *
 * <p>Why not a random high part per copy: unique only with high probability. Why not an object (an
 * {@code AtomicLong}) in the properties: code that casts property values to {@code String} would break.
 * If the properties cannot be reached (a security manager says no), a copy falls back to a random block
 * number above 2<sup>30</sup>, far from the counted ones: unique with high probability only.
 * {@code System.setProperties} with a fresh object would restart the count; nothing does that in practice.
 */
public final class ResponseIds {
    /** The system property holding the number of id blocks taken so far in this JVM. */
    public static final String PROPERTY = "dev.leakline.jfr.responseIdBlocks";

    static final int BLOCK_BITS = 32;
    private static final long BLOCK_SIZE = 1L << BLOCK_BITS;

    private static volatile Block current = new Block(reserveBlock());
    /** Ids handed out from blocks this copy has used up. */
    private static volatile long usedUp;

    private ResponseIds() {
    }

    /** The next id: never 0, never handed out before in this JVM by any copy of the library. */
    public static long next() {
        while (true) {
            Block block = current;
            long id = block.next.incrementAndGet();
            if (id < block.limit) {
                return id;
            }
            refill(block);
        }
    }

    /** How many ids this copy of the library has handed out. */
    public static long issued() {
        Block block = current;
        return usedUp + Math.min(block.next.get() - block.first + 1, BLOCK_SIZE - 1);
    }

    private static synchronized void refill(Block exhausted) {
        if (current == exhausted) {
            usedUp += BLOCK_SIZE - 1;
            current = new Block(reserveBlock());
        }
    }

    /** Takes the next block number of the JVM-wide count. */
    static long reserveBlock() {
        try {
            Object taken = System.getProperties().compute(PROPERTY, (k, v) -> String.valueOf(parse(v) + 1));
            return parse(taken) - 1;
        } catch (RuntimeException e) {
            return (1L << 30) + ThreadLocalRandom.current().nextLong(1L << 30);
        }
    }

    private static long parse(Object value) {
        if (value instanceof String) {
            try {
                return Long.parseLong((String) value);
            } catch (NumberFormatException e) {
                // Someone wrote over it: start above anything plausible rather than at 0 again.
                return 1L << 29;
            }
        }
        return 0;
    }

    /** One block of ids: {@code first} (never 0) up to, excluding, {@code limit}. */
    private static final class Block {
        final long first;
        final long limit;
        final AtomicLong next;

        Block(long number) {
            long base = number << BLOCK_BITS;
            this.first = base + 1;
            this.limit = base + BLOCK_SIZE;
            this.next = new AtomicLong(base);
        }
    }
}
