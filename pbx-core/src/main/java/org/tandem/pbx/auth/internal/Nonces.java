package org.tandem.pbx.auth.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-validating nonces: nothing is stored per challenge, so a flood of unauthenticated requests
 * costs no memory (RFC 7616 §5.4 suggests a time stamp plus a keyed hash). A nonce is
 * base64url(issue time in ms | 8 random bytes | first 12 bytes of HMAC-SHA256(key, both | the address it was
 * sent to)). The key is made at boot, so nonces issued before a restart are simply not ours any more; a client
 * answering one gets a stale=true challenge and retries without bothering its user.
 *
 * <p>The address in the MAC (RFC 7616 §5.5: "a nonce might include the client's IP address") is what makes a
 * wrong answer worth counting towards a ban (issue 22 finding 5): only whoever receives packets at that address
 * can answer it, so over UDP it proves the challenge/response round trip; a made-up nonce, or one fetched from
 * another address, is {@link Verdict#FOREIGN} and counts for nothing.
 */
final class Nonces {

    enum Verdict { VALID, EXPIRED, FOREIGN }

    private static final int TIME_BYTES = 8;
    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 12;
    private static final int TOTAL = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;
    /** Tolerated clock step backwards (NTP adjustments) before a nonce from "the future" is refused. */
    private static final long SKEW_MS = 5_000;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final long lifetimeMs;

    Nonces(byte[] key, Clock clock, Duration lifetime) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = clock;
        this.lifetimeMs = lifetime.toMillis();
    }

    /** For tests that do not care about the address: a nonce bound to the empty address. */
    String issue() {
        return issue("");
    }

    /** A nonce for a challenge sent to {@code address}. */
    String issue(String address) {
        byte[] body = new byte[TIME_BYTES + RANDOM_BYTES];
        ByteBuffer.wrap(body).putLong(clock.millis());
        byte[] rnd = new byte[RANDOM_BYTES];
        random.nextBytes(rnd);
        System.arraycopy(rnd, 0, body, TIME_BYTES, RANDOM_BYTES);
        byte[] all = new byte[TOTAL];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(mac(bound(body, address)), 0, all, body.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    Verdict check(String nonce) {
        return check(nonce, "");
    }

    /** Whether {@code nonce} is one we issued to {@code address}, and still live. */
    Verdict check(String nonce, String address) {
        if (nonce == null) return Verdict.FOREIGN;
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Verdict.FOREIGN;
        }
        if (all.length != TOTAL) return Verdict.FOREIGN;
        byte[] body = new byte[TIME_BYTES + RANDOM_BYTES];
        System.arraycopy(all, 0, body, 0, body.length);
        byte[] expected = mac(bound(body, address));
        byte[] got = new byte[MAC_BYTES];
        System.arraycopy(all, body.length, got, 0, MAC_BYTES);
        byte[] expectedPrefix = new byte[MAC_BYTES];
        System.arraycopy(expected, 0, expectedPrefix, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expectedPrefix, got)) return Verdict.FOREIGN;
        long issued = ByteBuffer.wrap(all).getLong();
        long now = clock.millis();
        if (issued > now + SKEW_MS) return Verdict.FOREIGN;
        return now - issued >= lifetimeMs ? Verdict.EXPIRED : Verdict.VALID;
    }

    private static byte[] bound(byte[] body, String address) {
        byte[] a = (address == null ? "" : address).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + a.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(a, 0, all, body.length, a.length);
        return all;
    }

    /** Keyed hash of arbitrary data with the boot key (also used for decoy HA1s of unknown users). */
    byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    long lifetimeMs() {
        return lifetimeMs;
    }
}
