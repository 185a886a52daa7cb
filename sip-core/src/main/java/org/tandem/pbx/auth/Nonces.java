package org.tandem.pbx.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-validating digest nonces, for SIP (RFC 3261 §22.4) and HTTP (RFC 7616): nothing is stored per challenge,
 * so a flood of unauthenticated requests costs no memory (RFC 7616 §3.3 suggests a time stamp plus a keyed
 * hash). A nonce is base64url(issue time in ms | 8-byte sequence number | first 12 bytes of HMAC-SHA256(key, both |
 * the address it was sent to)). The key is made at boot ({@link #withFreshKey}), so nonces issued before a restart
 * are simply not ours any more; a client answering one is challenged again.
 *
 * <p>What makes a nonce unpredictable is the keyed hash: without the key nobody can make one we accept, however well
 * they guess the time and the sequence. The sequence (from a random start) only makes every nonce of an instance
 * distinct, so the nonce count of one is never confused with another's (RFC 7616 §3.4.5). It replaced 8 bytes of
 * {@code SecureRandom} per challenge (issue 23): the random bytes added nothing the MAC does not give, and the
 * shared generator's lock and reads of the kernel's pool cost about as much as the rest of the challenge.
 *
 * <p>Each user of digest has its own instance, hence its own key and its own nonce space: a nonce issued by one
 * (the SIP registrar, the provisioning server, XCAP) is {@link Verdict#FOREIGN} to every other. SIP binds its
 * nonces to the source address (see {@link #issue(String)}) and counts wrong answers towards bans; an HTTP nonce
 * is bound to no address, so accepting it in SIP would let anyone who fetched one make answers "from" a spoofed
 * UDP source count against it.
 *
 * <p>The address in the MAC (RFC 7616 §5.5: "a nonce might include the client's IP address") is what makes a
 * wrong answer worth counting towards a ban (issue 22 finding 5): only whoever receives packets at that address
 * can answer it, so over UDP it proves the challenge/response round trip; a made-up nonce, or one fetched from
 * another address, is {@link Verdict#FOREIGN} and counts for nothing.
 */
public final class Nonces {

    public enum Verdict {
        VALID,
        EXPIRED,
        FOREIGN
    }

    /** The address of nonces bound to none (HTTP: the TCP connection already proves the source). */
    public static final String ANY_ADDRESS = "";

    private static final int TIME_BYTES = 8;
    private static final int SEQUENCE_BYTES = 8;
    private static final int BODY = TIME_BYTES + SEQUENCE_BYTES;
    private static final int MAC_BYTES = 12;
    private static final int TOTAL = BODY + MAC_BYTES;
    /** The base64url length of a nonce (28 bytes, unpadded). */
    private static final int ENCODED = (TOTAL * 8 + 5) / 6;
    /** Tolerated clock step backwards (NTP adjustments) before a nonce from "the future" is refused. */
    private static final long SKEW_MS = 5_000;

    private final SecretKeySpec key;
    /**
     * One keyed HMAC per thread (issue 23): {@code Mac.getInstance} and {@code init} per nonce walked the security
     * providers and cost more than the MAC itself, on every challenge and every answer. {@code doFinal} resets it.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** Per thread: the MAC of a nonce being checked (a nonce is checked on every answer). */
    private final ThreadLocal<byte[]> macOut = ThreadLocal.withInitial(() -> new byte[32]);

    private final AtomicLong sequence;
    private final Clock clock;
    private final long lifetimeMs;

    /**
     * @param lifetime how long a nonce is {@link Verdict#VALID}; after that it is {@link Verdict#EXPIRED}, and a
     *                 right answer to it gets a challenge with {@code stale=true} (RFC 7616 §3.3)
     */
    public Nonces(byte[] key, Clock clock, Duration lifetime) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = clock;
        this.lifetimeMs = lifetime.toMillis();
        this.sequence = new AtomicLong(new SecureRandom().nextLong());
    }

    /** Nonces under a random key made now: a nonce space of their own, gone at the next start. */
    public static Nonces withFreshKey(Clock clock, Duration lifetime) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Nonces(key, clock, lifetime);
    }

    /** For tests that do not care about the address: a nonce bound to {@link #ANY_ADDRESS}. */
    String issue() {
        return issue(ANY_ADDRESS);
    }

    /** A nonce for a challenge sent to {@code address} ({@link #ANY_ADDRESS}: to whoever answers). */
    public String issue(String address) {
        byte[] all = new byte[TOTAL];
        ByteBuffer.wrap(all).putLong(clock.millis()).putLong(sequence.getAndIncrement());
        byte[] out = macOut.get();
        macOf(all, address, out);
        System.arraycopy(out, 0, all, BODY, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    Verdict check(String nonce) {
        return check(nonce, ANY_ADDRESS);
    }

    /** Whether {@code nonce} is one this instance issued to {@code address}, and still live. */
    public Verdict check(String nonce, String address) {
        if (nonce == null || nonce.length() != ENCODED) return Verdict.FOREIGN;
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Verdict.FOREIGN;
        }
        if (all.length != TOTAL) return Verdict.FOREIGN;
        byte[] expected = macOut.get();
        macOf(all, address, expected);
        // compared in constant time, as MessageDigest.isEqual does: no early exit on the first differing byte
        int diff = 0;
        for (int i = 0; i < MAC_BYTES; i++) diff |= expected[i] ^ all[BODY + i];
        if (diff != 0) return Verdict.FOREIGN;
        long issued = ByteBuffer.wrap(all).getLong();
        long now = clock.millis();
        if (issued > now + SKEW_MS) return Verdict.FOREIGN;
        return now - issued >= lifetimeMs ? Verdict.EXPIRED : Verdict.VALID;
    }

    /** When a nonce that {@link #check} found ours was issued (epoch ms). */
    long issuedAt(String nonce) {
        // the first 12 characters are the first 9 bytes: the time and one more
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce.substring(0, 12)))
                .getLong();
    }

    /** The sequence number of a nonce that {@link #check} found ours: unique among this instance's nonces. */
    long sequenceOf(String nonce) {
        // the first 22 characters are the first 16 bytes: the time, then the sequence
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce.substring(0, 22)))
                .getLong(TIME_BYTES);
    }

    /** HMAC(key, the nonce's time and sequence | the address) into {@code out} (32 bytes). */
    private void macOf(byte[] nonce, String address, byte[] out) {
        Mac mac = macs.get();
        mac.update(nonce, 0, BODY);
        String a = address == null ? ANY_ADDRESS : address;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            mac.update(c < 0x80 ? (byte) c : (byte) 0x3f); // an address is US-ASCII; anything else counts as "?"
        }
        try {
            mac.doFinal(out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keyed hash of arbitrary data with this instance's key (also used for decoy HA1s of unknown users). */
    byte[] mac(byte[] data) {
        return macs.get().doFinal(data);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    long lifetimeMs() {
        return lifetimeMs;
    }
}
