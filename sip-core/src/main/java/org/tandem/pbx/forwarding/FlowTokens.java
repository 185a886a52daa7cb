package org.tandem.pbx.forwarding;

import gov.nist.javax.sip.stack.HopImpl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.tandem.pbx.security.KeyFiles;
import org.tandem.pbx.sip.InboundRequest;

/**
 * The flows of a dialog, kept in our Record-Route in the spirit of RFC 5626 §5.3 flow tokens: the
 * flow the dialog-creating request came in on (source address, port, transport) as a {@code flow}
 * parameter, and, when the callee is a registered phone, the flow its REGISTER came in on as
 * {@code callee-flow}, with the caller's From tag as {@code ftag}. A request later routed through that
 * Record-Route goes to the other party over its flow — through its NAT binding or on its TCP/TLS
 * connection — whatever its Contact says (a private address, or not the Contact it registered).
 *
 * <p>Which way a request goes is told by its From tag (the caller's = towards the callee, RFC 3261
 * §12.2.1.1: each side keeps its own tag in From), not by the flow it arrived on: a phone may send an
 * in-dialog request on a new TCP connection, and a phone calling itself has one flow for both sides.
 * Dialogs recorded before {@code ftag} existed fall back to "not the flow it came from".
 *
 * <p>The token is signed (HMAC-SHA256 over the flow and the Call-ID, with a key kept in the data
 * directory so it survives restarts): an in-dialog request is only relayed when it carries a Route
 * we really inserted into that very dialog, so a forged {@code Route} and To tag do not turn the
 * proxy into an open relay.
 */
public final class FlowTokens {

    static final String PARAM = "flow";
    static final String CALLEE_PARAM = "callee-flow";
    static final String FROM_TAG_PARAM = "ftag";
    private static final int MAC_BYTES = 12;
    private static final int GCM_NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    /**
     * One initialised HMAC per thread: {@code Mac.getInstance} + {@code init} per token cost more than the MAC
     * itself (two extra SHA-256 blocks and a provider lookup) on every in-dialog request.
     */
    private final ThreadLocal<Mac> macs;
    /** Derived once: every masked Contact is sealed and opened with it. */
    private final SecretKeySpec contactKey;

    private final Clock clock;

    FlowTokens(byte[] key) {
        this(key, Clock.systemUTC());
    }

    FlowTokens(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
        this.contactKey = deriveContactKey(this.key);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The key in {@code file}, created (32 random bytes, owner-only) when missing. Startup only. */
    public static FlowTokens withKeyFile(Path file) {
        return new FlowTokens(KeyFiles.readOrCreate(file, "route key"));
    }

    public String encode(InboundRequest inbound, String callId) {
        return encode(inbound.transport(), inbound.sourceAddress(), inbound.sourcePort(), callId);
    }

    /** The token of a flow we send on, e.g. a registered phone's (its binding's source and transport). */
    public String encode(Hop flow, String callId) {
        return encode(flow.getTransport(), flow.getHost(), flow.getPort(), callId);
    }

    private String encode(String transport, String address, int port, String callId) {
        // issued at (epoch seconds): a dialog recorded before a restart is honoured only while it is young
        String raw = transport.toLowerCase(Locale.ROOT) + "|" + address + "|" + port + "|"
                + clock.instant().getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(raw.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(mac(raw, callId));
    }

    /** A verified flow token: the flow, and when the token was issued. */
    record Token(Hop hop, Instant issuedAt) {}

    /** @return the flow in {@code token}, or null when it is absent, malformed, or not signed by us for this call */
    Hop decode(String token, String callId) {
        Token t = verify(token, callId);
        return t == null ? null : t.hop();
    }

    /** @return the token's flow and issue time, or null when it is absent, malformed, or not signed by us for this call */
    private Token verify(String token, String callId) {
        if (token == null || token.isEmpty()) return null;
        int dot = token.indexOf('.');
        if (dot <= 0) return null;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            String raw = new String(b64.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(mac(raw, callId), b64.decode(token.substring(dot + 1)))) return null;
            String[] parts = raw.split("\\|");
            if (parts.length != 4) return null; // tokens without an issue time are from before it existed: refused
            long issuedAt = Long.parseLong(parts[3]);
            int port = Integer.parseInt(parts[2]);
            if (port <= 0 || port > 65535) return null;
            return new Token(
                    new HopImpl(parts[1], port, parts[0].toUpperCase(Locale.ROOT)), Instant.ofEpochSecond(issuedAt));
        } catch (IllegalArgumentException | DateTimeException e) {
            return null;
        }
    }

    /** The flow tokens of the Routes we removed from a request ({@link RouteSet#preprocess}), each verified once. */
    public RecordedFlows recorded(List<SipURI> popped, String callId) {
        Token[] callers = new Token[popped.size()];
        Token[] callees = new Token[popped.size()];
        for (int i = 0; i < popped.size(); i++) {
            callers[i] = verify(popped.get(i).getParameter(PARAM), callId);
            callees[i] = verify(popped.get(i).getParameter(CALLEE_PARAM), callId);
        }
        return new RecordedFlows(popped, callers, callees);
    }

    /**
     * A party's own Contact URI, encrypted for this call (AES-GCM with the Call-ID as associated data): the opaque
     * value of a masked Contact (see {@link ContactMasks}). Nobody but this appliance can read the private address
     * in it, and it is worth nothing in another dialog.
     */
    String encodeContact(String contactUri, String callId) {
        try {
            byte[] nonce = new byte[GCM_NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, contactKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(callId));
            byte[] sealed = cipher.doFinal(contactUri.getBytes(StandardCharsets.UTF_8));
            byte[] token = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, token, 0, nonce.length);
            System.arraycopy(sealed, 0, token, nonce.length, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the Contact URI in {@code token}, or null when it is malformed or not sealed by us for this call */
    String decodeContact(String token, String callId) {
        if (token == null || token.isEmpty()) return null;
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            if (raw.length <= GCM_NONCE_BYTES + 16) return null;
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, contactKey, new GCMParameterSpec(128, raw, 0, GCM_NONCE_BYTES));
            cipher.updateAAD(aad(callId));
            return new String(
                    cipher.doFinal(raw, GCM_NONCE_BYTES, raw.length - GCM_NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    /** A key of its own for Contacts, derived from the route key (never the MAC key itself). */
    private static SecretKeySpec deriveContactKey(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] derived = mac.doFinal("tandem contact mask key".getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(derived, 0, 16, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aad(String callId) {
        return (callId == null ? "" : callId).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * When the newest valid flow token among the Routes we removed was issued; null when none is ours for this call.
     */
    public Instant issuedAt(List<SipURI> popped, String callId) {
        return recorded(popped, callId).issuedAt();
    }

    /** True when one of the Routes we removed is a Record-Route this proxy inserted for this call. */
    public boolean vouchesFor(List<SipURI> popped, String callId) {
        return recorded(popped, callId).vouched();
    }

    /** The hop of a request routed through our Record-Route: the party's flow ({@link #flowFor}), else the next hop. */
    Hop hopFor(List<SipURI> popped, Request copy, InboundRequest inbound, String callId, Forwarder forwarder)
            throws SipException {
        Hop flow = flowFor(popped, copy, inbound, callId, forwarder);
        return flow != null ? flow : forwarder.nextHop(copy);
    }

    /** {@link RecordedFlows#flowFor} of these Routes. */
    public Hop flowFor(List<SipURI> popped, Request copy, InboundRequest inbound, String callId, Forwarder forwarder) {
        return recorded(popped, callId).flowFor(copy, inbound, forwarder);
    }

    private byte[] mac(String raw, String callId) {
        Mac mac = macs.get(); // doFinal leaves it reset for the next use
        mac.update(raw.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update((callId == null ? "" : callId).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
