package org.tandem.pbx.registrar.internal;

import gov.nist.javax.sip.header.SIPHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.SupportedHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.registrar.RegistrarProperties;

/**
 * Reads the Contact and Expires headers of a REGISTER into {@link BindingChange.RequestedContact}s,
 * deciding each contact's expiry (RFC 3261 §10.3 steps 6 and 7, §10.2.1.1), or the error to answer.
 */
final class RegisterContacts {

    /** Contact URIs longer than this are refused (the {@code registration.contact_uri} column). */
    static final int MAX_URI = 512;

    /** What the Contact headers ask for, or the error response to send ({@code status} != 0). */
    record Parsed(boolean wildcard, List<BindingChange.RequestedContact> contacts, int status, String reason) {
        static Parsed error(int status, String reason) {
            return new Parsed(false, List.of(), status, reason);
        }

        boolean failed() {
            return status != 0;
        }
    }

    private RegisterContacts() {}

    static Parsed parse(Request request, RegistrarProperties props) {
        List<ContactHeader> headers = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) headers.add((ContactHeader) it.next());
        ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        boolean wildcard = headers.stream().anyMatch(ContactHeader::isWildCard);
        if (wildcard) {
            // Step 6: "*" is only valid alone and with Expires: 0; anything else is a 400
            if (headers.size() != 1 || expiresHeader == null || expiresHeader.getExpires() != 0) {
                return Parsed.error(Response.BAD_REQUEST, "Contact * needs Expires: 0 and no other Contact");
            }
            return new Parsed(true, List.of(), 0, null);
        }
        List<BindingChange.RequestedContact> contacts = new ArrayList<>();
        for (ContactHeader c : headers) {
            if (c.getAddress() == null || c.getAddress().getURI() == null) {
                return Parsed.error(Response.BAD_REQUEST, "Contact without a URI");
            }
            String uri = c.getAddress().getURI().toString();
            if (uri.length() > MAX_URI) return Parsed.error(Response.BAD_REQUEST, "Contact URI too long");
            // Step 7: the Contact's expires parameter, else the Expires header, else our default
            int expires = c.getExpires();
            if (expires < 0) expires = expiresHeader != null ? expiresHeader.getExpires() : props.defaultExpires();
            if (expires < 0) return Parsed.error(Response.BAD_REQUEST, "Bad expires value");
            // §10.3 step 7: too brief → 423 with Min-Expires; too long → shortened (the 200 tells the UA)
            if (expires > 0 && expires < props.minExpires()) {
                return Parsed.error(Response.INTERVAL_TOO_BRIEF, null);
            }
            expires = Math.min(expires, props.maxExpires());
            contacts.add(new BindingChange.RequestedContact(
                    uri,
                    ContactKey.of(c.getAddress().getURI()),
                    expires,
                    qValue(c),
                    c.getParameter("+sip.instance"),
                    regId(c)));
        }
        return new Parsed(false, contacts, 0, null);
    }

    /** q as 0..1000; a Contact without q is ranked like q=1.0, so an explicit lower q really ranks lower. */
    private static int qValue(ContactHeader c) {
        float q = c.getQValue();
        if (q < 0) return 1000;
        return Math.max(0, Math.min(1000, Math.round(q * 1000)));
    }

    private static int regId(ContactHeader c) {
        String v = c.getParameter("reg-id");
        if (v == null) return 0;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String userAgent(Request request) {
        Header h = request.getHeader(UserAgentHeader.NAME);
        if (!(h instanceof SIPHeader s)) return null;
        String v = s.getHeaderValue();
        if (v == null) return null;
        v = v.strip();
        return v.length() > 255 ? v.substring(0, 255) : v;
    }

    /**
     * RFC 5626 §6: a REGISTER that wants outbound: it says {@code Supported: outbound} and a Contact with
     * {@code +sip.instance} and {@code reg-id} (a flow of one device).
     */
    static boolean asksForOutbound(Request request) {
        boolean supported = false;
        ListIterator<?> it = request.getHeaders(SupportedHeader.NAME);
        while (it != null && it.hasNext()) {
            Object h = it.next();
            if (h instanceof SupportedHeader sh && "outbound".equalsIgnoreCase(sh.getOptionTag())) {
                supported = true;
            }
        }
        if (!supported) return false;
        ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            ContactHeader c = (ContactHeader) contacts.next();
            if (c.getParameter("reg-id") != null && c.getParameter("+sip.instance") != null) return true;
        }
        return false;
    }
}
