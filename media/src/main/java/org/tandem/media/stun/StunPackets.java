package org.tandem.media.stun;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ice4j.StunException;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.FingerprintAttribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.tandem.media.concurrent.WorkerPools;

/**
 * The framing rules of STUN (RFC 5389 §6) that ice4j's decoder does not check, and the two content-dependent
 * attributes, MESSAGE-INTEGRITY and FINGERPRINT (§15.4, §15.5), added to and checked on raw bytes. ice4j encodes
 * MESSAGE-INTEGRITY only through a {@code StunStack}'s credentials registry; ours is appended here with ice4j's own
 * HMAC-SHA1 and CRC-32 helpers, so a responder needs no stack. Stateless and thread-safe.
 */
public final class StunPackets {

    /** RFC 5389 §15.10 SOFTWARE of every answer Tandem sends (else ice4j would add its own, "ice4j.org"). */
    public static final String SOFTWARE = "Tandem";

    /** RFC 5389 §6: bytes 4-7 of every RFC 5389 message. */
    public static final int MAGIC_COOKIE = 0x2112A442;

    private static final int HEADER = Message.HEADER_LENGTH;
    private static final int INTEGRITY_LENGTH = 4 + 20;
    private static final int FINGERPRINT_LENGTH = 4 + 4;

    private static final AtomicBoolean WARMING = new AtomicBoolean();

    private StunPackets() {}

    /**
     * RFC 7983 §7 demultiplexing: a datagram whose first byte is 0 or 1 (the two top bits of a STUN message type are
     * zero, RFC 5389 §6) and that carries the magic cookie is STUN; RTP/RTCP start at 128, DTLS at 20-63.
     */
    public static boolean isStun(byte[] data, int offset, int length) {
        if (length < HEADER || offset < 0 || offset + length > data.length) return false;
        int first = data[offset] & 0xFF;
        return first <= 1 && readInt(data, offset + 4) == MAGIC_COOKIE;
    }

    /**
     * RFC 5389 §6/§7.3 framing: at least a header, type's top two bits zero, a length that is a multiple of 4 and
     * covers exactly the rest of the datagram. A message without the magic cookie (RFC 3489) passes when
     * {@code allowRfc3489}.
     */
    public static boolean isWellFormed(byte[] data, int length, boolean allowRfc3489) {
        if (length < HEADER || length > data.length) return false;
        if ((data[0] & 0xC0) != 0) return false;
        int bodyLength = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        if (bodyLength % 4 != 0 || bodyLength != length - HEADER) return false;
        return allowRfc3489 || readInt(data, 4) == MAGIC_COOKIE;
    }

    /** True when the message carries the RFC 5389 magic cookie (else it is an RFC 3489 one, §12). */
    public static boolean hasMagicCookie(byte[] data) {
        return data.length >= 8 && readInt(data, 4) == MAGIC_COOKIE;
    }

    /**
     * Decodes a well-formed message with ice4j. A bad FINGERPRINT (RFC 5389 §7.3: discard) and any attribute ice4j
     * cannot parse make it null: the caller drops the datagram silently.
     */
    public static Message decode(byte[] data, int length) {
        try {
            return Message.decode(data, 0, length);
        } catch (StunException | RuntimeException e) {
            return null;
        }
    }

    /**
     * RFC 5389 §15.4: the HMAC-SHA1, keyed with {@code key}, over the message up to the attribute before
     * MESSAGE-INTEGRITY, with the header's length set as if MESSAGE-INTEGRITY were the last attribute. Short-term
     * credentials (ICE, RFC 8445 §7.2.2): the key is the password's UTF-8 bytes (ice-char needs no SASLprep).
     *
     * @param raw the datagram as received (starting at offset 0), decoded into {@code message} by {@link #decode}
     */
    public static boolean integrityMatches(byte[] raw, Message message, byte[] key) {
        Attribute attribute = message.getAttribute(Attribute.MESSAGE_INTEGRITY);
        if (!(attribute instanceof MessageIntegrityAttribute integrity)) return false;
        int at = integrity.getLocationInMessage();
        if (at < HEADER || at + INTEGRITY_LENGTH > raw.length) return false;
        byte[] signed = Arrays.copyOf(raw, at);
        putLength(signed, at + INTEGRITY_LENGTH - HEADER);
        byte[] expected = MessageIntegrityAttribute.calculateHmacSha1(signed, 0, signed.length, key);
        return MessageDigest.isEqual(expected, integrity.getHmacSha1Content());
    }

    /**
     * Loads what ice4j loads the first time it encodes anything (its typesafe/jitsi-metaconfig configuration, about a
     * second here), so that this does not happen on a thread that must not stall: the STUN server has it done in the
     * background from its construction ({@link #warmUpInBackground}),
     * the ICE-lite responder's constructor (media.ice) too (the relay's IO thread must never pay it).
     * Idempotent; afterwards free.
     */
    public static void warmUp() {
        WarmUp.DONE.hashCode();
    }

    /**
     * Starts {@link #warmUp} on a thread of its own (once per process) and returns: the appliance's start goes on
     * meanwhile (0.15 s of CPU in today's profiles, more while nothing is compiled yet). Whoever encodes first before
     * it is done waits for it (the JVM's lock on the class's initialisation), as it would have waited for
     * {@link #warmUp}.
     */
    public static void warmUpInBackground() {
        if (!WARMING.compareAndSet(false, true)) return;
        WorkerPools.daemonThreads("tandem-stun-warm-up")
                .newThread(StunPackets::warmUp)
                .start();
    }

    private static final class WarmUp {
        static final Boolean DONE = load();

        private static Boolean load() {
            try {
                Message m = MessageFactory.createBindingRequest();
                m.setTransactionID(new byte[Message.TRANSACTION_ID_LENGTH]);
                encode(m);
            } catch (StunException | RuntimeException e) {
                // then the first real message pays for it, and fails the same way it would have anyway
            }
            return Boolean.TRUE;
        }
    }

    /**
     * Encodes {@code message} (which must carry neither MESSAGE-INTEGRITY nor FINGERPRINT) with ice4j, ready for
     * {@link #sign}. ice4j appends a FINGERPRINT of its own to everything it encodes once the process-wide system
     * property {@code org.ice4j.ALWAYS_SIGN} is true, and every ice4j {@code Agent} sets it when constructed; that
     * one is cut off again here, so our trailer never lands after a FINGERPRINT (RFC 5389 §15.5: it must be last).
     */
    public static byte[] encode(Message message) {
        byte[] encoded = message.encode(null); // no stack: nothing content-dependent is left for ice4j to key
        if (message.removeAttribute(Attribute.FINGERPRINT) != null) { // added by encode(): it is the last 8 bytes
            int at = encoded.length - FINGERPRINT_LENGTH;
            encoded = Arrays.copyOf(encoded, at);
            putLength(encoded, at - HEADER);
        }
        return encoded;
    }

    /**
     * Appends MESSAGE-INTEGRITY (when {@code key} is not null) and then FINGERPRINT (when {@code fingerprint}) to an
     * encoded message that has neither yet, fixing the header's length before each (RFC 5389 §15.4, §15.5: each
     * covers the message up to itself, with the length counting itself).
     */
    public static byte[] sign(byte[] encoded, byte[] key, boolean fingerprint) {
        byte[] out = encoded;
        if (key != null) {
            out = Arrays.copyOf(out, out.length + INTEGRITY_LENGTH);
            int at = encoded.length;
            putLength(out, out.length - HEADER);
            byte[] hmac = MessageIntegrityAttribute.calculateHmacSha1(out, 0, at, key);
            putAttributeHeader(out, at, Attribute.MESSAGE_INTEGRITY, 20);
            System.arraycopy(hmac, 0, out, at + 4, 20);
        }
        if (fingerprint) {
            int at = out.length;
            out = Arrays.copyOf(out, out.length + FINGERPRINT_LENGTH);
            putLength(out, out.length - HEADER);
            byte[] crc = FingerprintAttribute.calculateXorCRC32(out, 0, at);
            putAttributeHeader(out, at, Attribute.FINGERPRINT, 4);
            System.arraycopy(crc, 0, out, at + 4, 4);
        }
        return out;
    }

    private static void putLength(byte[] message, int bodyLength) {
        message[2] = (byte) (bodyLength >> 8);
        message[3] = (byte) bodyLength;
    }

    private static void putAttributeHeader(byte[] message, int at, char type, int length) {
        message[at] = (byte) (type >> 8);
        message[at + 1] = (byte) type;
        message[at + 2] = (byte) (length >> 8);
        message[at + 3] = (byte) length;
    }

    private static int readInt(byte[] data, int at) {
        return ((data[at] & 0xFF) << 24)
                | ((data[at + 1] & 0xFF) << 16)
                | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
    }
}
