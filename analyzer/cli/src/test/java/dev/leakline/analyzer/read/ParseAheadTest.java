package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The reader parses a chunk ahead only when the heap, as the last collection left it, has room for it
 * ({@link ParseAhead}); a recording whose unfinished responses fill the heap is read a chunk at a time.
 */
class ParseAheadTest {
    @Test
    void theHeapAfterACollectionIsWhatItHolds() {
        byte[][] kept = new byte[8][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[4 << 20];
        }
        System.gc();
        long used = ParseAhead.usedAfterLastCollection();
        assertThat(used).isGreaterThanOrEqualTo(32L << 20).isLessThan(Runtime.getRuntime().maxMemory());
        assertThat(kept[7]).hasSize(4 << 20); // kept alive past the collection
    }

    @Test
    void aChunkIsParsedAheadOnlyWhenTheHeapHasRoomForItAndSomeToSpare() {
        System.gc();
        long room = Runtime.getRuntime().maxMemory() - ParseAhead.usedAfterLastCollection();
        long fits = (room - ParseAhead.ROOM_BESIDES) / ParseAhead.ROOM_PER_CHUNK_BYTE;
        assertThat(fits).as("room for a 1 MB chunk in the test JVM").isGreaterThan(1 << 20);
        assertThat(ParseAhead.heapHasRoomFor(1 << 20)).isTrue();
        assertThat(ParseAhead.heapHasRoomFor(room)).isFalse();
    }
}
