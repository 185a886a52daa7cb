package org.tandem.pbx.sip;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called by JAIN-SIP right after the handshake of every TLS connection it opens (its
 * {@code gov.nist.javax.sip.TLS_SECURITY_POLICY}): the certificate chain has already been verified against
 * the trusted CAs, and this checks that it names the host we meant to reach — for a trunk, the provider's
 * host — as RFC 5922 §7.2 requires. The host is that of the top Route, else the Request-URI (RFC 3261
 * §8.1.2, the URI the next hop was resolved from). A mismatch closes the connection: the request fails.
 */
public class ServerIdentityPolicy implements TlsSecurityPolicy {

    private static final Logger log = LoggerFactory.getLogger(ServerIdentityPolicy.class);

    @Override
    public void enforceTlsPolicy(ClientTransactionExt transaction) throws SecurityException {
        // a response or an ACK sent on a new connection: there is no URI the peer was chosen by
        if (transaction == null || transaction.getRequest() == null) return;
        String host = intendedHost(transaction.getRequest());
        if (host == null) return;
        Certificate[] chain;
        try {
            chain = transaction.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw refuse(host, "it presented no certificate");
        }
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            throw refuse(host, "it presented no X.509 certificate");
        }
        if (!ServerIdentity.matches(cert, host)) {
            throw refuse(host, "its certificate is for " + ServerIdentity.names(cert));
        }
    }

    static String intendedHost(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI uri = route != null ? route.getAddress().getURI() : request.getRequestURI();
        return uri instanceof SipURI sip ? sip.getHost() : null;
    }

    private static SecurityException refuse(String host, String why) {
        String message = "TLS connection to " + host + " closed: " + why + " (RFC 5922 §7.2). Check the trunk's host "
                + "name: it must be a name in the provider's certificate";
        log.warn(message);
        return new SecurityException(message);
    }
}
