package org.tandem.media.srtp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * One SDP {@code a=crypto} attribute (RFC 4568 §9.1): {@code <tag> <crypto-suite> inline:<key||salt>[|<lifetime>]
 * [|<MKI>:<length>]}. Only single-key lines of the two AES-CM suites, without session parameters that change the
 * transform, are taken; anything else is an {@link SdesException} naming the fault, which the caller answers with
 * 488 or by ignoring that line (RFC 4568 §6.1: a line the answerer does not understand is not chosen).
 *
 * @param tag       1-9 digits, chosen by the offerer; the answer echoes it (RFC 4568 §6.1)
 * @param lifetime  packets the master key may protect (RFC 4568 §6.2.1: 2^48 when absent)
 * @param mki       the master key identifier the packets carry (RFC 3711 §3.1), or 0 bytes long when none
 */
public record SdesCrypto(
        int tag, CryptoSuite suite, byte[] masterKey, byte[] masterSalt, long lifetime, long mki, int mkiLength) {

    /** RFC 3711 §9.2: at most 2^48 SRTP packets per master key; RFC 4568 §6.2.1 takes 2^48 when no lifetime is given. */
    public static final long MAX_LIFETIME = 1L << 48;

    private static final SecureRandom RANDOM = new SecureRandom();

    public SdesCrypto {
        if (tag < 0 || tag > 999_999_999) throw new SdesException("tag " + tag + " is not 1-9 digits (RFC 4568 §9.1)");
        if (masterKey.length != CryptoSuite.KEY_LENGTH || masterSalt.length != CryptoSuite.SALT_LENGTH) {
            throw new SdesException("a " + suite + " key is 16 bytes of key and 14 of salt (RFC 4568 §6.2.1)");
        }
        masterKey = masterKey.clone();
        masterSalt = masterSalt.clone();
    }

    /** A fresh random key for what we send (RFC 4568 §6.1: each side chooses its own key for its own direction). */
    public static SdesCrypto generate(int tag, CryptoSuite suite) {
        byte[] key = new byte[CryptoSuite.KEY_LENGTH];
        byte[] salt = new byte[CryptoSuite.SALT_LENGTH];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(salt);
        return new SdesCrypto(tag, suite, key, salt, MAX_LIFETIME, 0, 0);
    }

    /**
     * Parses an a=crypto value (what follows {@code a=crypto:}).
     *
     * @throws SdesException the line is malformed, names a suite we do not speak, or asks for something we do not do
     */
    public static SdesCrypto parse(String value) {
        String[] f = value.trim().split("\\s+");
        if (f.length < 3) throw new SdesException("a=crypto:" + value + " lacks a tag, suite or key (RFC 4568 §9.1)");
        int tag;
        try {
            if (!f[0].matches("[0-9]{1,9}")) throw new NumberFormatException();
            tag = Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            throw new SdesException("a=crypto tag '" + f[0] + "' is not 1-9 digits (RFC 4568 §9.1)");
        }
        CryptoSuite suite = CryptoSuite.named(f[1]);
        if (suite == null) {
            throw new SdesException("crypto suite " + f[1] + " is not supported (AES_CM_128_HMAC_SHA1_80 or _32 are)");
        }
        for (int i = 3; i < f.length; i++) {
            // RFC 4568 §6.3: a session parameter the answerer does not support makes the line unacceptable; a window
            // size hint (WSH) only advises, and our replay window is what RFC 3711 §3.3.2 asks for
            if (!f[i].toUpperCase(Locale.ROOT).startsWith("WSH=")) {
                throw new SdesException("a=crypto session parameter " + f[i] + " is not supported (RFC 4568 §6.3)");
            }
        }
        if (f[2].contains(";")) {
            throw new SdesException(
                    "a=crypto with several master keys is not supported (RFC 4568 §6.1); offer one key");
        }
        return parseKey(tag, suite, f[2]);
    }

    // inline:<base64 key||salt>[|lifetime][|MKI:length] (RFC 4568 §6.2.1, §9.2)
    private static SdesCrypto parseKey(int tag, CryptoSuite suite, String keyParams) {
        if (!keyParams.regionMatches(true, 0, "inline:", 0, 7)) {
            throw new SdesException("a=crypto key method must be inline: (RFC 4568 §6.1), got '" + keyParams + "'");
        }
        String[] parts = keyParams.substring(7).split("\\|", -1);
        byte[] keySalt;
        try {
            keySalt = Base64.getDecoder().decode(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new SdesException("a=crypto key is not base64 (RFC 4568 §6.1)");
        }
        if (keySalt.length != CryptoSuite.KEY_LENGTH + CryptoSuite.SALT_LENGTH) {
            throw new SdesException("a=crypto key of " + suite + " must be 30 bytes (16 key + 14 salt), got "
                    + keySalt.length + " (RFC 4568 §6.2.1)");
        }
        long lifetime = MAX_LIFETIME;
        long mki = 0;
        int mkiLength = 0;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.contains(":")) {
                if (i != parts.length - 1) throw new SdesException("a=crypto MKI must come last (RFC 4568 §9.2)");
                String[] m = p.split(":", 2);
                try {
                    mki = Long.parseLong(m[0]);
                    mkiLength = Integer.parseInt(m[1]);
                } catch (NumberFormatException e) {
                    throw new SdesException("a=crypto MKI '" + p + "' is not <value>:<length> (RFC 4568 §6.1)");
                }
                if (mkiLength < 1 || mkiLength > 4 || mki < 0 || mki >= (1L << (8 * mkiLength))) {
                    throw new SdesException("a=crypto MKI '" + p + "' does not fit 1-4 bytes (RFC 4568 §6.1)");
                }
            } else if (i == 1) {
                lifetime = lifetime(p);
            } else {
                throw new SdesException("a=crypto key parameter '" + p + "' is not a lifetime or MKI (RFC 4568 §9.2)");
            }
        }
        return new SdesCrypto(
                tag,
                suite,
                Arrays.copyOf(keySalt, CryptoSuite.KEY_LENGTH),
                Arrays.copyOfRange(keySalt, CryptoSuite.KEY_LENGTH, keySalt.length),
                lifetime,
                mki,
                mkiLength);
    }

    // "2^20" or a decimal number (RFC 4568 §6.1); more than 2^48 is not allowed for SRTP (RFC 4568 §6.2.1)
    private static long lifetime(String p) {
        long value;
        try {
            if (p.startsWith("2^")) {
                int exponent = Integer.parseInt(p.substring(2));
                value = exponent > 62 ? Long.MAX_VALUE : 1L << exponent;
            } else {
                value = new BigInteger(p)
                        .min(BigInteger.valueOf(Long.MAX_VALUE))
                        .longValueExact();
            }
        } catch (RuntimeException e) {
            throw new SdesException("a=crypto lifetime '" + p + "' is not a number or 2^n (RFC 4568 §6.1)");
        }
        if (value < 1 || value > MAX_LIFETIME) {
            throw new SdesException("a=crypto lifetime '" + p + "' must be 1 to 2^48 packets (RFC 4568 §6.2.1)");
        }
        return value;
    }

    /** The same key under another tag (the answer echoes the chosen offer's tag, RFC 4568 §6.1). */
    public SdesCrypto withTag(int newTag) {
        return new SdesCrypto(newTag, suite, masterKey, masterSalt, lifetime, mki, mkiLength);
    }

    public byte[] masterKey() {
        return masterKey.clone();
    }

    public byte[] masterSalt() {
        return masterSalt.clone();
    }

    /** The a=crypto value: {@code 1 AES_CM_128_HMAC_SHA1_80 inline:...} (lifetime and MKI only when set). */
    public String format() {
        byte[] keySalt = Arrays.copyOf(masterKey, CryptoSuite.KEY_LENGTH + CryptoSuite.SALT_LENGTH);
        System.arraycopy(masterSalt, 0, keySalt, CryptoSuite.KEY_LENGTH, CryptoSuite.SALT_LENGTH);
        StringBuilder s = new StringBuilder()
                .append(tag)
                .append(' ')
                .append(suite)
                .append(" inline:")
                .append(Base64.getEncoder().encodeToString(keySalt));
        if (lifetime != MAX_LIFETIME || mkiLength > 0) {
            s.append('|')
                    .append(
                            Long.numberOfTrailingZeros(lifetime) == 63 - Long.numberOfLeadingZeros(lifetime)
                                    ? "2^" + Long.numberOfTrailingZeros(lifetime)
                                    : Long.toString(lifetime));
        }
        if (mkiLength > 0) s.append('|').append(mki).append(':').append(mkiLength);
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdesCrypto c
                && c.tag == tag
                && c.suite == suite
                && Arrays.equals(c.masterKey, masterKey)
                && Arrays.equals(c.masterSalt, masterSalt)
                && c.lifetime == lifetime
                && c.mki == mki
                && c.mkiLength == mkiLength;
    }

    @Override
    public int hashCode() {
        return 31 * tag + suite.hashCode() + Arrays.hashCode(masterKey);
    }

    /** Never prints the key (logs must not carry it, RFC 4568 §8.1). */
    @Override
    public String toString() {
        return "a=crypto:" + tag + " " + suite + " inline:<hidden>";
    }
}
