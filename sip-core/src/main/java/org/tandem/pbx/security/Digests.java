package org.tandem.pbx.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Message digests for the message path, one instance per thread and algorithm (issue 23). {@code
 * MessageDigest.getInstance} walks the security providers on every call; on a REGISTER or a call, where a few dozen
 * bytes are hashed at a time (digest answers, contact keys, Via branches, lamp dialog ids), the look-up cost more
 * than the hash. An instance is reset by every {@code digest}, so a thread's one can be reused as it is.
 */
public final class Digests {

    private static final ThreadLocal<Map<String, MessageDigest>> BY_THREAD = ThreadLocal.withInitial(HashMap::new);

    private Digests() {}

    /** {@code algorithm} (a JCA name: MD5, SHA-256, ...) over {@code data}. */
    public static byte[] digest(String algorithm, byte[] data) {
        return instance(algorithm).digest(data);
    }

    public static byte[] md5(byte[] data) {
        return digest("MD5", data);
    }

    /** MD5 over the first {@code length} bytes of {@code data}. */
    public static byte[] md5(byte[] data, int length) {
        MessageDigest md5 = instance("MD5");
        md5.update(data, 0, length);
        return md5.digest();
    }

    public static byte[] sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    /** What {@link UUID#nameUUIDFromBytes} gives (a version 3, name-based UUID, RFC 4122 §4.3), without its look-up. */
    public static UUID nameUuid(byte[] name) {
        byte[] md5 = md5(name);
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30); // version 3
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) msb = (msb << 8) | (md5[i] & 0xff);
        for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (md5[i] & 0xff);
        return new UUID(msb, lsb);
    }

    private static MessageDigest instance(String algorithm) {
        return BY_THREAD.get().computeIfAbsent(algorithm, a -> {
            try {
                return MessageDigest.getInstance(a);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(a + " is missing from this JVM", e);
            }
        });
    }
}
