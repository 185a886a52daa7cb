package org.tandem.appliance.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Arrays;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * The appliance's own PKCS#12 keystore files ({@code <data-dir>/tls/sip.p12}: the self-signed certificate, or the one
 * an admin installed), written with one PBKDF2 round instead of Java's 10,000. Their password is random and lies beside
 * them in a 0600 file, so the rounds protect nothing; but every reader pays them three times (the MAC, the certificate
 * bag, the key bag: RFC 7292 §4, §B.2), and three readers open the file at each start (ours, JAIN-SIP's TLS layer and
 * its security manager) — 0.2-0.4 s of the start's busiest thread while the JIT has not compiled SHA-256 yet (issue 23,
 * cold start). The encryption itself is unchanged: AES-256 for the key bag, Java's defaults for the rest. An admin's
 * own keystore named in the configuration ({@code tandem.sip.tls-keystore}) is never written here.
 */
final class Pkcs12Files {

    /** PBKDF2 rounds of the MAC and of each bag. */
    static final int ROUNDS = 1;

    private static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";
    /** The JDK reads the certificate bag's and the MAC's counts from these (system property over security one). */
    private static final String[] COUNT_PROPERTIES = {
        "keystore.pkcs12.certPbeIterationCount", "keystore.pkcs12.macIterationCount"
    };

    private Pkcs12Files() {}

    /**
     * A PKCS#12 file holding {@code key} with its {@code chain} (server certificate first) under {@code alias}.
     * Synchronized: the JDK takes two of the counts from process-wide properties, set here only while storing.
     */
    static synchronized byte[] write(String alias, PrivateKey key, Certificate[] chain, char[] password)
            throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        String[] before = new String[COUNT_PROPERTIES.length];
        try {
            for (int i = 0; i < COUNT_PROPERTIES.length; i++) {
                before[i] = System.setProperty(COUNT_PROPERTIES[i], Integer.toString(ROUNDS));
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setEntry(
                    alias,
                    new KeyStore.PrivateKeyEntry(key, chain),
                    new KeyStore.PasswordProtection(
                            password, KEY_PROTECTION, new PBEParameterSpec(salt, ROUNDS, new IvParameterSpec(iv))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (IOException e) {
            throw new GeneralSecurityException("Cannot encode the keystore: " + e.getMessage(), e);
        } finally {
            for (int i = 0; i < COUNT_PROPERTIES.length; i++) {
                if (before[i] == null) System.clearProperty(COUNT_PROPERTIES[i]);
                else System.setProperty(COUNT_PROPERTIES[i], before[i]);
            }
        }
    }

    /**
     * The MAC's PBKDF2 rounds of a PKCS#12 file (RFC 7292 §4: {@code PFX ::= SEQUENCE { version, authSafe, macData
     * MacData OPTIONAL }}, {@code MacData ::= SEQUENCE { mac, macSalt, iterations INTEGER DEFAULT 1 }}), or -1 when
     * the file has no MAC or is not DER this reader knows (then it is left as it is).
     */
    static int macRounds(byte[] p12) {
        try {
            Der pfx = Der.read(p12, 0, 0x30);
            Der version = Der.read(p12, pfx.contentStart, 0x02);
            Der authSafe = Der.read(p12, version.end, 0x30);
            if (authSafe.end >= pfx.end) return -1;
            Der macData = Der.read(p12, authSafe.end, 0x30);
            Der mac = Der.read(p12, macData.contentStart, 0x30);
            Der salt = Der.read(p12, mac.end, 0x04);
            if (salt.end >= macData.end) return 1;
            Der iterations = Der.read(p12, salt.end, 0x02);
            return new BigInteger(Arrays.copyOfRange(p12, iterations.contentStart, iterations.end)).intValueExact();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** One DER element (X.690 §8.1): its tag was {@code tag}; content from {@code contentStart} to {@code end}. */
    private record Der(int contentStart, int end) {

        static Der read(byte[] der, int at, int tag) {
            if ((der[at] & 0xFF) != tag) throw new IllegalArgumentException("tag " + der[at] + " at " + at);
            int first = der[at + 1] & 0xFF;
            int length;
            int start;
            if (first < 0x80) {
                length = first;
                start = at + 2;
            } else {
                int bytes = first & 0x7F;
                if (bytes == 0 || bytes > 3) throw new IllegalArgumentException("length form at " + at);
                length = 0;
                for (int i = 0; i < bytes; i++) length = (length << 8) | (der[at + 2 + i] & 0xFF);
                start = at + 2 + bytes;
            }
            if (start + length > der.length) throw new IllegalArgumentException("past the end at " + at);
            return new Der(start, start + length);
        }
    }
}
