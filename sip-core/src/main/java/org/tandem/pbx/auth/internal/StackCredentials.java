package org.tandem.pbx.auth.internal;

import gov.nist.javax.sip.header.SIPHeader;
import java.util.ListIterator;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import org.tandem.pbx.auth.DigestCredentials;

/**
 * What a request parsed by the stack says to {@link DigestAuthenticator}: the credentials for our realm, the user it
 * speaks for, its User-Agent. A datagram read by a shortcut says the same through {@code RawRegister} and
 * {@link DigestCredentials#fromHeader}.
 */
final class StackCredentials {

    private StackCredentials() {}

    /**
     * RFC 3261 §22.4: several credentials may be present; the Digest ones for {@code realm} in {@code headerName}
     * (Authorization or Proxy-Authorization), or null.
     */
    static AuthorizationHeader forRealm(Request request, String headerName, String realm) {
        ListIterator<?> headers = request.getHeaders(headerName);
        while (headers != null && headers.hasNext()) {
            if (headers.next() instanceof AuthorizationHeader h
                    && "Digest".equalsIgnoreCase(h.getScheme())
                    && realm.equals(h.getRealm())) {
                return h;
            }
        }
        return null;
    }

    static DigestCredentials of(AuthorizationHeader h) {
        return new DigestCredentials(
                h.getUsername(),
                h.getRealm(),
                h.getNonce(),
                h.getURI() == null ? null : h.getURI().toString(),
                h.getResponse(),
                h.getAlgorithm(),
                h.getQop(),
                h.getParameter("nc"),
                h.getCNonce());
    }

    /** The user the request speaks for: To of a REGISTER (§10.3 step 4), From otherwise (§22.3). */
    static String aorUser(Request request, boolean register) {
        HeaderAddress h = register
                ? (ToHeader) request.getHeader(ToHeader.NAME)
                : (FromHeader) request.getHeader(FromHeader.NAME);
        if (h == null) return null;
        URI uri = h.getAddress().getURI();
        return uri instanceof SipURI sip ? sip.getUser() : null;
    }

    static String userAgent(Request request) {
        Header h = request.getHeader(UserAgentHeader.NAME);
        return h instanceof SIPHeader s ? s.getHeaderValue() : null;
    }
}
