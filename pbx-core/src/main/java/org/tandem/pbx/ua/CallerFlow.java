package org.tandem.pbx.ua;

import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.NextHopRouter;

/**
 * Where this process's user agent sends the requests of a dialog it answered (BYE, REFER): back along the flow the
 * caller's INVITE came in on when the caller is behind NAT (its Contact names another address than the packets came
 * from), as nathelper's fix_nated_contact and RFC 5626 §5.3 would have it; otherwise where the dialog says (the
 * Contact, or the route set, RFC 3261 §12.2.1.1). A NATed caller's private Contact is unreachable from here, and its
 * TCP connection is the only way in.
 */
final class CallerFlow {

    private final Hop hop;

    private CallerFlow(Hop hop) {
        this.hop = hop;
    }

    static CallerFlow of(InboundRequest invite) {
        ContactHeader contact = (ContactHeader) invite.request().getHeader(ContactHeader.NAME);
        String source = invite.sourceAddress();
        if (contact == null
                || source == null
                || invite.sourcePort() <= 0
                || !(contact.getAddress().getURI() instanceof SipURI uri)) {
            return new CallerFlow(null);
        }
        boolean natted =
                !sameHost(uri.getHost(), source) || (!invite.isReliableTransport() && port(uri) != invite.sourcePort());
        return new CallerFlow(natted ? invite.sourceHop() : null);
    }

    /** Runs {@code send} (creating and sending an in-dialog request) with the request going along the flow. */
    <T> T send(NextHopRouter.SipAction<T> send) throws SipException {
        return NextHopRouter.sendVia(hop, send);
    }

    /** The flow's hop, or null when the dialog's own routing applies. */
    Hop hop() {
        return hop;
    }

    private static boolean sameHost(String contactHost, String source) {
        String h = contactHost.startsWith("[") ? contactHost.substring(1, contactHost.length() - 1) : contactHost;
        return h.equalsIgnoreCase(source);
    }

    private static int port(SipURI uri) {
        if (uri.getPort() > 0) return uri.getPort();
        return "sips".equalsIgnoreCase(uri.getScheme()) ? 5061 : 5060;
    }
}
