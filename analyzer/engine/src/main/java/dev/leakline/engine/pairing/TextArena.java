package dev.leakline.engine.pairing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Short strings stored as UTF-8 bytes in fixed pages, each behind a handle: the part of a URI that differs from
 * response to response costs its bytes and a length byte or two, not a {@code String} with its array (about 40 bytes
 * more each). Strings are appended and never moved; {@link #free} only counts the bytes it leaves dead, and the owner
 * adds the live ones to a fresh arena when the dead outweigh them.
 */
final class TextArena {
    private static final int PAGE_BITS = 18;
    /** Under the collector's humongous size at a 1 MB region (the region of a 128 MB heap). */
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MAX_PAGES = Integer.MAX_VALUE >>> PAGE_BITS;

    private final List<byte[]> pages = new ArrayList<>();
    private int used = PAGE; // no page yet: the first add opens one
    private long liveBytes;
    private long deadBytes;

    /** Stores {@code text}; returns its handle, or -1 when it does not fit (longer than a page, or a full arena). */
    int add(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int size = lengthSize(bytes.length) + bytes.length;
        if (size > PAGE) {
            return -1;
        }
        if (used + size > PAGE) {
            if (pages.size() >= MAX_PAGES) {
                return -1;
            }
            pages.add(new byte[PAGE]);
            used = 0;
        }
        byte[] page = pages.get(pages.size() - 1);
        int handle = ((pages.size() - 1) << PAGE_BITS) | used;
        int at = used;
        for (int n = bytes.length; ; n >>>= 7) { // the length, seven bits at a time, low first
            if (n < 0x80) {
                page[at++] = (byte) n;
                break;
            }
            page[at++] = (byte) (n & 0x7f | 0x80);
        }
        System.arraycopy(bytes, 0, page, at, bytes.length);
        used = at + bytes.length;
        liveBytes += size;
        return handle;
    }

    String get(int handle) {
        byte[] page = pages.get(handle >>> PAGE_BITS);
        int at = handle & (PAGE - 1);
        int length = lengthAt(page, at);
        return new String(page, at + lengthSize(length), length, StandardCharsets.UTF_8);
    }

    /** The string behind {@code handle} is no longer needed. */
    void free(int handle) {
        int size = size(handle);
        liveBytes -= size;
        deadBytes += size;
    }

    /** Whether the dead bytes outweigh the live ones by enough that copying the live ones out pays. */
    boolean worthCopying() {
        return deadBytes > liveBytes && deadBytes > PAGE * 4L;
    }

    private int size(int handle) {
        int length = lengthAt(pages.get(handle >>> PAGE_BITS), handle & (PAGE - 1));
        return lengthSize(length) + length;
    }

    private static int lengthAt(byte[] page, int at) {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = page[at++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                return length;
            }
        }
    }

    private static int lengthSize(int length) {
        int n = 1;
        while (length >= 0x80) {
            length >>>= 7;
            n++;
        }
        return n;
    }
}
