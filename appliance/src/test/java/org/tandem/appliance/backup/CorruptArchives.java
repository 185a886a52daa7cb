package org.tandem.appliance.backup;

import java.nio.charset.StandardCharsets;

/** Damaged copies of a backup archive, for the refusal tests. */
public final class CorruptArchives {

    private CorruptArchives() {}

    /**
     * A copy with one byte flipped inside the stored (deflated) data of {@code entry}: 20 bytes past the
     * entry's name in its local header, so always in that entry's data, never in a name or the zip's
     * directory — the restore must call it damaged.
     */
    public static byte[] flipByteIn(byte[] archive, String entry) {
        byte[] copy = archive.clone();
        byte[] name = entry.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + name.length < copy.length; i++) {
            if (java.util.Arrays.equals(copy, i, i + name.length, name, 0, name.length)) {
                int at = i + name.length + 20;
                copy[at] ^= 0x5a;
                return copy;
            }
        }
        throw new AssertionError(entry + " not in the archive");
    }
}
