package dev.leakline.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks the distribution as {@code unzip} and {@code tar} would, Unix file modes included (java.util.zip drops
 * them, so they are read from the archive's own headers): a launcher that lost its executable bit fails the test.
 */
final class Archives {
    private Archives() {
    }

    /** Unpacks {@code zip} into {@code target} and returns each file's Unix mode by entry name. */
    static Map<String, Integer> unzip(Path zip, Path target) throws IOException {
        Map<String, Integer> modes = zipModes(Files.readAllBytes(zip));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(in, out);
                Integer mode = modes.get(entry.getName());
                if (mode != null && mode != 0) {
                    Files.setPosixFilePermissions(out, permissions(mode));
                }
            }
        }
        return modes;
    }

    /** Unix modes by name from the zip's central directory (external attributes, high 16 bits). */
    static Map<String, Integer> zipModes(byte[] zip) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        while (eocd >= 0 && buf.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        if (eocd < 0) {
            throw new IOException("no end of central directory record");
        }
        int entries = Short.toUnsignedInt(buf.getShort(eocd + 10));
        int pos = buf.getInt(eocd + 16);
        Map<String, Integer> modes = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            if (buf.getInt(pos) != 0x02014b50) {
                throw new IOException("bad central directory entry at " + pos);
            }
            int nameLength = Short.toUnsignedInt(buf.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(buf.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(buf.getShort(pos + 32));
            int external = buf.getInt(pos + 38);
            String name = new String(zip, pos + 46, nameLength, StandardCharsets.UTF_8);
            modes.put(name, (external >>> 16) & 0777);
            pos += 46 + nameLength + extraLength + commentLength;
        }
        return modes;
    }

    /** Unix modes by name of the regular files and directories in a .tar.gz (ustar headers). */
    static Map<String, Integer> tarModes(Path tgz) throws IOException {
        Map<String, Integer> modes = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                int mode = Integer.parseInt(field(header, 100, 8).trim(), 8) & 0777;
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                if (type == '0' || type == 0 || type == '5') {
                    modes.put(name, mode);
                }
                long padded = (size + 511) / 512 * 512;
                in.skipNBytes(padded);
            }
        }
        return modes;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE,
        };
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (0400 >> bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
