package org.tandem.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session keys of one direction (RFC 3711 §4.3): encryption key, salt and authentication key derived from the
 * master key and salt with the AES-CM PRF, key derivation rate 0 (RFC 4568 §6.3: no KDR parameter means 0, so the
 * keys are derived once). Holds the ready ciphers; used by one thread at a time.
 */
final class SessionKeys {

    // RFC 3711 §4.3.2: labels 0-2 for SRTP, 3-5 for SRTCP
    static final int RTP_LABELS = 0;
    static final int RTCP_LABELS = 3;

    final Cipher aes; // AES-ECB with the session encryption key: produces the counter-mode keystream blocks
    final Mac hmac; // HMAC-SHA1 with the session authentication key (RFC 3711 §4.2.1)
    final byte[] salt; // 14 bytes

    SessionKeys(byte[] masterKey, byte[] masterSalt, int firstLabel) {
        try {
            Cipher prf = Cipher.getInstance("AES/ECB/NoPadding");
            prf.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
            byte[] encryptionKey = derive(prf, masterSalt, firstLabel, 16);
            byte[] authKey = derive(prf, masterSalt, firstLabel + 1, 20);
            salt = derive(prf, masterSalt, firstLabel + 2, 14);
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"));
            hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES or HMAC-SHA1 missing from this JVM", e);
        }
    }

    /**
     * RFC 3711 §4.3.1 with kdr 0: key_id = label || 48 zero bits, x = key_id XOR master_salt, and the output is the
     * AES-CM keystream of the master key at IV x·2^16.
     */
    static byte[] derive(Cipher prf, byte[] masterSalt, int label, int length) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        byte[] out = new byte[length];
        byte[] block = new byte[16];
        for (int done = 0, counter = 0; done < length; done += 16, counter++) {
            iv[14] = (byte) (counter >>> 8);
            iv[15] = (byte) counter;
            prf.doFinal(iv, 0, 16, block, 0);
            System.arraycopy(block, 0, out, done, Math.min(16, length - done));
        }
        return out;
    }
}
