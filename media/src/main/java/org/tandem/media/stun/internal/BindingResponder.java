package org.tandem.media.stun.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.ChangeRequestAttribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.tandem.media.stun.StunPackets;

/**
 * Answers one STUN Binding request (RFC 5389 §7.3) with the address it came from: the whole of what a plain STUN
 * server does. A function of the datagram and its source, no state, so the receive thread calls it inline.
 *
 * <p>What is answered: a well-formed Binding request (RFC 5389 §6), with or without the magic cookie. Everything
 * else (responses, indications, other methods such as TURN's Allocate, broken framing, a bad FINGERPRINT) gets no
 * answer at all: a server that is not a TURN server owes them nothing, and silence gives an attacker nothing to
 * reflect.
 */
public final class BindingResponder {

    /**
     * Comprehension-required attributes (0x0000-0x7FFF) a Binding server understands: address, authentication and
     * error attributes of RFC 5389 §15 (USERNAME and MESSAGE-INTEGRITY are accepted and ignored: this server has no
     * credentials, RFC 5389 §10), and RFC 3489's CHANGE-REQUEST only when it asks for no change. RESPONSE-ADDRESS
     * (RFC 3489: "send the answer elsewhere") is deliberately not understood: honouring it would make us a reflector.
     */
    private static final Set<Character> UNDERSTOOD = Set.of(
            Attribute.MAPPED_ADDRESS,
            Attribute.USERNAME,
            Attribute.MESSAGE_INTEGRITY,
            Attribute.ERROR_CODE,
            Attribute.UNKNOWN_ATTRIBUTES,
            Attribute.REALM,
            Attribute.NONCE,
            Attribute.XOR_MAPPED_ADDRESS);

    private static final byte[] SOFTWARE_BYTES = StunPackets.SOFTWARE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] SOFTWARE_RFC3489 = (StunPackets.SOFTWARE + "  ").getBytes(StandardCharsets.UTF_8);

    /**
     * The answer to {@code data[0..length)} received from {@code source}, or null when nothing should be sent.
     * Never throws on input.
     */
    public byte[] respond(byte[] data, int length, InetSocketAddress source) {
        if (!StunPackets.isWellFormed(data, length, true)) return null;
        Message request = StunPackets.decode(data, length);
        if (request == null || request.getMessageType() != Message.BINDING_REQUEST) return null;
        boolean rfc5389 = StunPackets.hasMagicCookie(data);
        boolean fingerprint = request.containsAttribute(Attribute.FINGERPRINT);
        if (!rfc5389 && asksForChange(request)) {
            // RFC 3489 §10.1 tests II and III: a classic client takes any answer as proof that one came from the
            // other address or port, and would call a NAT "full cone"; without a second address, silence is the truth
            return null;
        }

        char[] unknown = unknownComprehensionRequired(request);
        Response response = unknown.length > 0
                // RFC 5389 §7.3.1: 420 listing every unknown comprehension-required attribute
                ? MessageFactory.createBindingErrorResponse(
                        ErrorCodeAttribute.UNKNOWN_ATTRIBUTE, "Unknown attribute", unknown)
                : success(request, source, rfc5389);
        // RFC 5389 §15.10. To RFC 3489 clients padded with spaces to 8 bytes: 0x8022 was their drafts' SERVER, whose
        // text had to be a multiple of 4 bytes, and Debian's stun client discards a whole answer with "Tandem" (6).
        // Leaving it out is no option: ice4j's encoder then adds its own, "ice4j.org" (9)
        response.putAttribute(AttributeFactory.createSoftwareAttribute(rfc5389 ? SOFTWARE_BYTES : SOFTWARE_RFC3489));
        try {
            response.setTransactionID(request.getTransactionID());
            // RFC 5389 §15.5: FINGERPRINT only when the request had one; an RFC 3489 client knows none (§12.2)
            return StunPackets.sign(StunPackets.encode(response), null, fingerprint && rfc5389);
        } catch (Exception e) {
            return null; // an address ice4j cannot encode (not IPv4/IPv6): nothing sensible to answer
        }
    }

    private static Response success(Message request, InetSocketAddress source, boolean rfc5389) {
        TransportAddress mapped = new TransportAddress(source, Transport.UDP);
        if (!rfc5389) {
            // RFC 5389 §12.2: an RFC 3489 client reads MAPPED-ADDRESS and knows no XOR-MAPPED-ADDRESS
            return MessageFactory.create3489BindingResponse(mapped, null, null);
        }
        // RFC 5389 §7.3.1: XOR-MAPPED-ADDRESS, keyed by the cookie and transaction ID; MAPPED-ADDRESS too (§15.1),
        // for clients that still read only that
        Response response = MessageFactory.createBindingResponse((Request) request, mapped);
        response.putAttribute(AttributeFactory.createMappedAddressAttribute(mapped));
        return response;
    }

    private static char[] unknownComprehensionRequired(Message request) {
        StringBuilder unknown = new StringBuilder();
        for (Attribute a : request.getAttributes()) {
            char type = a.getAttributeType();
            if (type >= 0x8000 || UNDERSTOOD.contains(type)) continue; // 0x8000-0xFFFF: comprehension-optional
            if (type == Attribute.CHANGE_REQUEST && !asksForChange(request)) {
                continue; // RFC 3489 §9.2: a request for no change is simply answered; a change (RFC 5780 §7.2) is 420
            }
            unknown.append(type);
        }
        return unknown.toString().toCharArray();
    }

    private static boolean asksForChange(Message request) {
        return request.getAttribute(Attribute.CHANGE_REQUEST) instanceof ChangeRequestAttribute change
                && (change.getChangeIpFlag() || change.getChangePortFlag());
    }
}
