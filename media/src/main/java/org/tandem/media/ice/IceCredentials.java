package org.tandem.media.ice;

import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

/**
 * One side's ICE username fragment and password (RFC 8839 §5.4). The password keys the short-term credential
 * mechanism of connectivity checks (RFC 8445 §7.2.2); the fragments make up their USERNAME.
 */
public record IceCredentials(String ufrag, String pwd) {

    // ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4); ufrag 4-256 chars, pwd 22-256
    private static final Pattern UFRAG = Pattern.compile("[A-Za-z0-9+/]{4,256}");
    private static final Pattern PWD = Pattern.compile("[A-Za-z0-9+/]{22,256}");
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        if (ufrag == null || !UFRAG.matcher(ufrag).matches()) {
            throw new IllegalArgumentException(
                    "ice-ufrag must be 4-256 ice-chars (RFC 8839 §5.4), got '" + ufrag + "'");
        }
        if (pwd == null || !PWD.matcher(pwd).matches()) {
            throw new IllegalArgumentException("ice-pwd must be 22-256 ice-chars (RFC 8839 §5.4)");
        }
    }

    /** Fresh random credentials: an 8-char ufrag (48 bits) and a 24-char pwd (144 bits; RFC 8839 asks 24 and 128). */
    public static IceCredentials generate() {
        return new IceCredentials(random(8), random(24));
    }

    /**
     * The credentials an offer gives for {@code m}: its own a=ice-ufrag / a=ice-pwd, else the session-level ones
     * (RFC 8839 §5.4). Null when the offer has no ICE for that stream, or only half of the pair.
     *
     * @throws IllegalArgumentException the values are not valid ICE credentials
     */
    public static IceCredentials of(SessionDescription sdp, MediaDescription m) {
        String ufrag = first(m.attributes("ice-ufrag"), sdp.attributes("ice-ufrag"));
        String pwd = first(m.attributes("ice-pwd"), sdp.attributes("ice-pwd"));
        if (ufrag == null || pwd == null) return null;
        return new IceCredentials(ufrag, pwd);
    }

    private static String first(List<String> mediaLevel, List<String> sessionLevel) {
        if (!mediaLevel.isEmpty()) return mediaLevel.get(0);
        return sessionLevel.isEmpty() ? null : sessionLevel.get(0);
    }

    private static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        return new String(chars);
    }

    /** The password is a secret: never in logs. */
    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + "]";
    }
}
