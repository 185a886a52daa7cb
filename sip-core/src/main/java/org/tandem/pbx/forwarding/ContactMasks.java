package org.tandem.pbx.forwarding;

import java.text.ParseException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contacts of parties behind NAT never leave the appliance as they came (issue 20): a phone's Contact names its
 * private address (192.168.x, RFC 1918) or a port its NAT does not forward, and the other party must not see
 * it, only the appliance. What nathelper's {@code fix_nated_contact} or Asterisk's {@code rewrite_contact} would
 * turn into the NAT's public address:port, Tandem replaces with its own address, carrying the original Contact,
 * signed for this call, in a {@code tnd-m} URI parameter. The other party then sends its in-dialog requests with
 * that Request-URI through our Record-Route (RFC 3261 §12.2.1.1: the remote target is only the Request-URI, the
 * route set decides where the request goes); on the way to the NATed phone {@link #unmask} puts the phone's own
 * Contact back as the Request-URI, so the phone receives requests addressed to the URI it gave (§8.2.2.1), and
 * the flow token of our Record-Route takes them through its NAT (RFC 5626 §5.3).
 *
 * <p>A Contact is masked when its party is behind NAT — the Contact is an IP address other than the address its
 * message came from (RFC 3581's received) — or when the message goes to a party outside the local networks (a
 * provider, a home worker): the office's addresses stay inside. A LAN phone's Contact towards another LAN phone, a
 * provider's, or our own services' pass unchanged.
 */
public final class ContactMasks {

    static final String PARAM = "tnd-m";
    private static final Logger log = LoggerFactory.getLogger(ContactMasks.class);
    private static final Pattern IP_LITERAL =
            Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    private final FlowTokens tokens;
    private final RouteSet routes;
    private final Predicate<String> outside;

    /** @param outside true for an address outside the local networks (see {@code MediaAnchor#isOutside}) */
    ContactMasks(FlowTokens tokens, RouteSet routes, Predicate<String> outside) {
        this.tokens = tokens;
        this.routes = routes;
        this.outside = outside;
    }

    /** A request's copy, from a sender at {@code sourceAddress}, leaving on {@code outTransport} to {@code receiver}. */
    public void onRequest(String sourceAddress, Request copy, String outTransport, String receiver) {
        mask(copy, sourceAddress, outTransport, receiver);
    }

    /** A response on its way upstream ({@code up}: our Via removed), sent by the party at {@code senderAddress}. */
    public void onResponse(Response up, String senderAddress) {
        if (up.getStatusCode() < 101 || up.getStatusCode() >= 300) return; // dialog-forming: 1xx with tag, 2xx
        ViaHeader upstream = (ViaHeader) up.getHeader(ViaHeader.NAME);
        if (upstream == null) return;
        String receiver = upstream.getReceived() != null ? upstream.getReceived() : upstream.getHost();
        mask(up, senderAddress, upstream.getTransport(), receiver);
    }

    /**
     * An in-dialog request addressed to a masked Contact: its Request-URI becomes the party's own Contact again.
     * A mask not signed by us for this call is left alone (the request is then not deliverable to anyone).
     */
    public void unmask(Request copy) {
        if (!(copy.getRequestURI() instanceof SipURI target) || target.getParameter(PARAM) == null) return;
        String original = tokens.decodeContact(target.getParameter(PARAM), callId(copy));
        if (original == null) {
            log.info(
                    "In-dialog {} for call {}: its Request-URI carries a Contact mask that is not ours",
                    copy.getMethod(),
                    callId(copy));
            return;
        }
        try {
            copy.setRequestURI(routes.addressFactory().createURI(original));
        } catch (ParseException e) {
            log.info("Call {}: masked Contact {} does not parse", callId(copy), original);
        }
    }

    private void mask(Message message, String senderAddress, String outTransport, String receiver) {
        ContactHeader contact = (ContactHeader) message.getHeader(ContactHeader.NAME);
        if (contact == null || senderAddress == null || outTransport == null) return;
        URI uri = contact.getAddress().getURI();
        if (!(uri instanceof SipURI sip) || sip.getParameter(PARAM) != null) return;
        String host = sip.getHost();
        if (!IP_LITERAL.matcher(host).matches() || routes.isLocalHost(host) || routes.isLocalHost(senderAddress))
            return;
        boolean behindNat = !sameHost(host, senderAddress);
        if (!behindNat && (receiver == null || !outside.test(receiver))) return;
        try {
            SipURI masked = routes.ourUri(outTransport, receiver);
            masked.removeParameter("lr");
            masked.setUser(sip.getUser() == null ? "nat" : sip.getUser());
            if (sip.isSecure()) masked.setSecure(true);
            masked.setParameter(PARAM, tokens.encodeContact(sip.toString(), callId(message)));
            contact.getAddress().setURI(masked);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameHost(String contactHost, String sender) {
        String a = contactHost.startsWith("[") ? contactHost.substring(1, contactHost.length() - 1) : contactHost;
        return a.equalsIgnoreCase(sender);
    }

    private static String callId(Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
