package org.tandem.pbx.auth.internal;

import java.text.ParseException;
import java.util.Locale;
import java.util.Objects;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.RawSyntax;

/**
 * Whether the {@code uri} of digest credentials names the resource of the Request-URI. RFC 7616 §3.4.6: "the
 * server MUST assure that the resource designated by the uri parameter is the same as the resource specified in
 * the Request-Line; if they are not, the server SHOULD return a 400"; RFC 3261 §22.4 carries the digest-uri over
 * to SIP. Without it an answer computed for one Request-URI would authenticate a request for another.
 *
 * <p>The comparison is the one of RFC 3261 §19.1.4 for scheme, user, host and port (an absent port is the
 * scheme's default, 5060 or 5061), and ignores URI parameters: phones differ in whether they repeat
 * {@code ;transport=} or {@code ;user=phone} in the digest-uri, and both are covered by the response hash anyway.
 * Two hosts that both name this appliance (its SIP domain, one of its addresses) are the same resource too, and a
 * digest-uri naming the appliance without a user part is accepted for any request to it: SIPp (and some phones)
 * write the registrar's address there whatever the Request-URI. What is refused is an answer computed for
 * another user or number, or for another host: the replay of credentials onto another destination.
 */
final class DigestUri {

    private DigestUri() {}

    /**
     * Whether the digest-uri names the resource of a SIP Request-URI known only as written, told from the two texts
     * without a parse: written as the Request-URI is, or {@link #namesThisServer}. False when the texts do not say:
     * {@link #sameResource} decides then, on the parsed Request-URI.
     */
    static boolean sameAsWritten(String digestUri, String sipRequestUri, LocalAddresses local) {
        return digestUri.equals(sipRequestUri) || namesThisServer(digestUri, local);
    }

    static boolean sameResource(String digestUri, URI requestUri, AddressFactory addresses, LocalAddresses local) {
        if (digestUri == null || requestUri == null) return false;
        // the rule below for a digest-uri without user naming this appliance, from its text (issue 23: no parse)
        if (requestUri instanceof SipURI && namesThisServer(digestUri, local)) return true;
        URI parsed;
        try {
            parsed = addresses.createURI(digestUri.strip());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
        if (parsed instanceof SipURI a && requestUri instanceof SipURI b) {
            // a digest-uri naming this appliance alone (no user) stands for the server the request is sent to: SIPp
            // 3.6 always writes sip:<registrar address>:<port>, for INVITEs too
            if (a.getUser() == null && local.isLocal(a)) return true;
            if (a.isSecure() != b.isSecure() || !Objects.equals(a.getUser(), b.getUser())) return false;
            boolean sameHost = a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
            return sameHost || (local.isLocal(a) && local.isLocal(b));
        }
        return parsed.toString()
                .toLowerCase(Locale.ROOT)
                .equals(requestUri.toString().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the digest-uri, read as written, is a SIP URI without user naming this appliance, which
     * {@link #sameResource} accepts for any SIP Request-URI: told from its text (RFC 3261 §19.1.1 as {@link
     * RawSyntax#sipUri} reads it), without a parse. False when the text does not say (escapes, IPv6, sips:, a user).
     */
    private static boolean namesThisServer(String digestUri, LocalAddresses local) {
        int end = digestUri.length();
        return RawSyntax.sipUri(digestUri, 0, end, false)
                && local.isLocal(RawSyntax.uriHost(digestUri, 0, end), RawSyntax.uriPort(digestUri, 0, end));
    }

    private static int port(SipURI u) {
        if (u.getPort() > 0) return u.getPort();
        return u.isSecure() ? 5061 : 5060;
    }
}
