package org.tandem.pbx.forwarding;

import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.tandem.pbx.registrar.LocationService;

/**
 * What becomes of an in-dialog request whose party's recorded TCP/TLS flow has closed (issue 20).
 * <ul>
 *   <li>An RFC 5626 outbound flow (the party's Contact has {@code ob}, §5.4, or its registration a {@code reg-id} and
 *       {@code +sip.instance}) is never reopened by us: 430 Flow Failed (§5.3); the phone makes a new flow itself.
 *   <li>Any other party whose Contact is where its connection came from (not NATed) gets the request on a new
 *       connection to its Contact, as RFC 3261 §18.1.1 asks of a request to a TCP target without a connection (the
 *       phone listens there; the port it connected from is an ephemeral one).
 *   <li>A party behind NAT without outbound cannot be reached once its connection is gone (its Contact is private, a
 *       NAT opens no port to us): 480 Temporarily Unavailable, at once, instead of a connection attempt that hangs.
 * </ul>
 *
 * @param reopen the hop to send on instead (a new connection), or null: answer {@code status}
 */
public record ClosedFlow(Hop reopen, int status, String reason) {

    static final int FLOW_FAILED = 430;

    public static ClosedFlow of(Hop flow, Request copy, LocationService locations) {
        if (!(copy.getRequestURI() instanceof SipURI contact)) return new ClosedFlow(null, FLOW_FAILED, "Flow Failed");
        boolean outbound = contact.getParameter("ob") != null
                || locations
                        .findByContact(contact.toString())
                        .map(b -> b.regId() > 0 && b.instanceId() != null)
                        .orElse(false);
        if (outbound) return new ClosedFlow(null, FLOW_FAILED, "Flow Failed");
        if (sameHost(contact.getHost(), flow.getHost())) {
            boolean tls = "TLS".equalsIgnoreCase(flow.getTransport()) || "sips".equalsIgnoreCase(contact.getScheme());
            int port = contact.getPort() > 0 ? contact.getPort() : tls ? 5061 : 5060;
            return new ClosedFlow(
                    new HopImpl(flow.getHost(), port, flow.getTransport().toUpperCase(Locale.ROOT)), 0, null);
        }
        return new ClosedFlow(null, 480, "Connection to the phone closed");
    }

    /** Numeric hosts only (never DNS on a SIP stripe): a Contact naming a host name is not compared. */
    private static boolean sameHost(String contactHost, String flowHost) {
        String a = strip(contactHost);
        String b = strip(flowHost);
        if (a.equalsIgnoreCase(b)) return true;
        if (!a.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")
                || !b.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String strip(String host) {
        return host != null && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host == null ? "" : host;
    }
}
