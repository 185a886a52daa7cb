package org.tandem.media.srtp;

/**
 * The SRTP crypto suites of SDES we speak (RFC 4568 §6.2.1): AES in counter mode with a 128-bit key and HMAC-SHA1,
 * its tag cut to 80 or 32 bits (RFC 3711 §5.2). Both use a 112-bit master salt and a 160-bit session auth key; the
 * SRTCP tag is 80 bits for both (RFC 4568 §6.2.1: the _32 suite shortens only SRTP's tag).
 */
public enum CryptoSuite {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4);

    /** Master key and salt lengths in bytes (RFC 4568 §6.2.1: 128-bit key, 112-bit salt). */
    public static final int KEY_LENGTH = 16;

    public static final int SALT_LENGTH = 14;

    private final int rtpTagLength;

    CryptoSuite(int rtpTagLength) {
        this.rtpTagLength = rtpTagLength;
    }

    /** Bytes of the SRTP authentication tag. */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** Bytes of the SRTCP authentication tag: 10 for both suites. */
    public int rtcpTagLength() {
        return 10;
    }

    /** The suite named in an a=crypto line, or null for one we do not speak (RFC 4568 §6.1: ignored). */
    public static CryptoSuite named(String name) {
        for (CryptoSuite s : values()) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }
}
