package org.tandem.media.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.PriorityAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.tandem.media.stun.StunPackets;

/**
 * The ICE-lite side of connectivity checks (RFC 8445 §2.5, §7.3) for one relay leg: the relay's IO thread hands it each
 * datagram that is STUN ({@link #isStun}, RFC 7983) and sends back what {@link #check} returns, from the same port.
 * A lite agent sends no checks of its own and is always the controlled agent; it learns the path to use from the
 * peer's nominated check.
 *
 * <p>Immutable and stateless: safe on any thread, never blocks (one HMAC-SHA1 per check). Build it off the IO thread
 * (the first one in the process loads ice4j's configuration, about a second). A new offer with new remote credentials
 * (ICE restart, RFC 8445 §9) needs a new responder.
 */
public final class IceLiteResponder {

    /** Comprehension-required attributes of a check (RFC 8445 §16.1 and RFC 5389 §15); others get 420. */
    private static final Set<Character> UNDERSTOOD = Set.of(
            Attribute.USERNAME,
            Attribute.MESSAGE_INTEGRITY,
            Attribute.PRIORITY,
            Attribute.USE_CANDIDATE,
            Attribute.XOR_MAPPED_ADDRESS);

    private static final byte[] SOFTWARE = StunPackets.SOFTWARE.getBytes(StandardCharsets.UTF_8);

    private final IceCredentials local;
    private final IceCredentials remote;
    private final byte[] key;

    /**
     * @param local  our ufrag and pwd (those put in the answer's SDP)
     * @param remote the peer's, from its offer ({@link IceCredentials#of}); null accepts any peer ufrag in USERNAME
     *               (the password alone then authenticates)
     */
    public IceLiteResponder(IceCredentials local, IceCredentials remote) {
        this.local = local;
        this.remote = remote;
        // RFC 8445 §7.2.2: short-term credentials, key = the password (ice-chars need no SASLprep, RFC 5389 §15.4)
        this.key = local.pwd().getBytes(StandardCharsets.UTF_8);
        StunPackets.warmUp(); // the first one built pays for ice4j's configuration, not the relay's IO thread
    }

    /** Our ufrag and pwd. */
    public IceCredentials credentials() {
        return local;
    }

    /** The peer's, or null when any peer ufrag is accepted. */
    public IceCredentials remoteCredentials() {
        return remote;
    }

    /** RFC 7983 §7: the first byte is 0 or 1 and the magic cookie follows; RTP, RTCP and DTLS are not. */
    public static boolean isStun(byte[] data, int offset, int length) {
        return StunPackets.isStun(data, offset, length);
    }

    /**
     * Validates one check that arrived from {@code source} and builds the answer (RFC 8445 §7.3, RFC 5389 §10.1.2):
     * <ul>
     * <li>not a well-formed RFC 5389 Binding request, a bad FINGERPRINT, an indication (keepalive, RFC 8445 §11):
     *     ignored, no answer;</li>
     * <li>USERNAME or MESSAGE-INTEGRITY missing: 400; USERNAME not {@code ourUfrag:theirUfrag} or MESSAGE-INTEGRITY
     *     not made with our password: 401 (neither signed: the sender did not prove it knows the password);</li>
     * <li>unknown comprehension-required attributes: 420 (RFC 5389 §7.3.1); PRIORITY missing: 400 (RFC 8445 §7.1.1);
     *     ICE-CONTROLLED (the peer wants our role, and a lite agent cannot be controlling, RFC 8445 §6.1.1):
     *     487 Role Conflict (§7.3.1.1) so it becomes controlling;</li>
     * <li>else success with XOR-MAPPED-ADDRESS = {@code source} (§7.3.1.4).</li>
     * </ul>
     * Answers to authenticated requests carry MESSAGE-INTEGRITY with our password; every answer carries FINGERPRINT
     * (RFC 8445 §7.3: checks and their answers always do).
     */
    public ConnectivityCheck check(byte[] data, int offset, int length, InetSocketAddress source) {
        if (!isStun(data, offset, length)) return ConnectivityCheck.IGNORED;
        byte[] raw = Arrays.copyOfRange(data, offset, offset + length); // ice4j locates attributes from offset 0
        if (!StunPackets.isWellFormed(raw, length, false)) return ConnectivityCheck.IGNORED;
        Message request = StunPackets.decode(raw, length);
        if (request == null || request.getMessageType() != Message.BINDING_REQUEST) return ConnectivityCheck.IGNORED;

        UsernameAttribute username = (UsernameAttribute) request.getAttribute(Attribute.USERNAME);
        if (username == null || !request.containsAttribute(Attribute.MESSAGE_INTEGRITY)) {
            return ConnectivityCheck.rejected(error(
                    request,
                    ErrorCodeAttribute.BAD_REQUEST,
                    "USERNAME and " + "MESSAGE-INTEGRITY required",
                    null,
                    false));
        }
        if (!isOurs(new String(username.getUsername(), StandardCharsets.UTF_8))
                || !StunPackets.integrityMatches(raw, request, key)) {
            return ConnectivityCheck.rejected(
                    error(request, ErrorCodeAttribute.UNAUTHORIZED, "Unauthorized", null, false));
        }
        char[] unknown = unknownComprehensionRequired(request);
        if (unknown.length > 0) {
            return ConnectivityCheck.rejected(
                    error(request, ErrorCodeAttribute.UNKNOWN_ATTRIBUTE, "Unknown attribute", unknown, true));
        }
        PriorityAttribute priority = (PriorityAttribute) request.getAttribute(Attribute.PRIORITY);
        if (priority == null) {
            return ConnectivityCheck.rejected(
                    error(request, ErrorCodeAttribute.BAD_REQUEST, "PRIORITY required", null, true));
        }
        if (request.containsAttribute(Attribute.ICE_CONTROLLED)) {
            return ConnectivityCheck.rejected(
                    error(request, ErrorCodeAttribute.ROLE_CONFLICT, "Role Conflict", null, true));
        }
        TransportAddress mapped = new TransportAddress(source, Transport.UDP);
        Response success = MessageFactory.createBindingResponse((Request) request, mapped);
        byte[] response = encode(success, request, true);
        if (response == null) return ConnectivityCheck.IGNORED;
        return new ConnectivityCheck(
                response, true, request.containsAttribute(Attribute.USE_CANDIDATE), priority.getPriority());
    }

    /** RFC 8445 §7.2.2: the check's USERNAME is "our ufrag:their ufrag" (the receiver's fragment first). */
    private boolean isOurs(String username) {
        int colon = username.indexOf(':');
        if (colon < 0) return false;
        if (!username.substring(0, colon).equals(local.ufrag())) return false;
        return remote == null || username.substring(colon + 1).equals(remote.ufrag());
    }

    private byte[] error(Message request, char code, String reason, char[] unknown, boolean signed) {
        Response error = MessageFactory.createBindingErrorResponse(code, reason, unknown);
        return encode(error, request, signed);
    }

    private byte[] encode(Response response, Message request, boolean signed) {
        response.putAttribute(AttributeFactory.createSoftwareAttribute(SOFTWARE));
        try {
            response.setTransactionID(request.getTransactionID());
            return StunPackets.sign(StunPackets.encode(response), signed ? key : null, true);
        } catch (Exception e) {
            return null; // an address ice4j cannot encode: nothing sensible to answer
        }
    }

    private static char[] unknownComprehensionRequired(Message request) {
        StringBuilder unknown = new StringBuilder();
        for (Attribute a : request.getAttributes()) {
            char type = a.getAttributeType();
            if (type < 0x8000 && !UNDERSTOOD.contains(type)) unknown.append(type);
        }
        return unknown.toString().toCharArray();
    }
}
