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

    /** One Contact as offered, before its expiry is decided: {@code expires} -1 when it has no expires parameter. */
    record Offered(String uri, String key, int expires, int q, String instanceId, int regId) {}

    static Parsed parse(Request request, RegistrarProperties props) {
        List<ContactHeader> headers = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) headers.add((ContactHeader) it.next());
        ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        int expires = expiresHeader == null ? -1 : expiresHeader.getExpires();
        if (headers.stream().anyMatch(ContactHeader::isWildCard))
            return decide(true, headers.size(), List.of(), expires, props);
        List<Offered> offered = new ArrayList<>();
        for (ContactHeader c : headers) {
            if (c.getAddress() == null || c.getAddress().getURI() == null) {
                return Parsed.error(Response.BAD_REQUEST, "Contact without a URI");
            }
            offered.add(new Offered(
                    c.getAddress().getURI().toString(),
                    ContactKey.of(c.getAddress().getURI()),
                    c.getExpires(),
                    qValue(c.getQValue()),
                    c.getParameter("+sip.instance"),
                    regId(c.getParameter("reg-id"))));
        }
        return decide(false, headers.size(), offered, expires, props);
    }

    /** The contacts of a REGISTER read from its datagram ({@link RawRegister}), decided as {@link #parse}. */
    static Parsed parse(RawRegister register, RegistrarProperties props) {
        if (register.wildcard()) return decide(true, 1, List.of(), register.expires(), props);
        List<Offered> offered = new ArrayList<>();
        for (RawRegister.Contact c : register.contacts()) {
            ContactKey.Read read = ContactKey.ofRaw(c.uri());
            if (read == null) return Parsed.error(Response.BAD_REQUEST, "Contact without a URI");
            offered.add(new Offered(
                    read.uri(),
                    read.key(),
                    c.expires(),
                    qValue(c.q() == null ? -1 : Float.parseFloat(c.q())),
                    c.instanceId(),
                    regId(c.regId())));
        }
        return decide(false, offered.size(), offered, register.expires(), props);
    }

    /**
     * Steps 6 and 7 on what the Contact and Expires headers say.
     *
     * @param count   how many Contact values there are ({@code *} included)
     * @param expires the Expires header's value, -1 without one
     */
    private static Parsed decide(
            boolean wildcard, int count, List<Offered> offered, int expiresHeader, RegistrarProperties props) {
        if (wildcard) {
            // Step 6: "*" is only valid alone and with Expires: 0; anything else is a 400
            if (count != 1 || expiresHeader != 0) {
                return Parsed.error(Response.BAD_REQUEST, "Contact * needs Expires: 0 and no other Contact");
            }
            return new Parsed(true, List.of(), 0, null);
        }
        List<BindingChange.RequestedContact> contacts = new ArrayList<>();
        for (Offered c : offered) {
            if (c.uri().length() > MAX_URI) return Parsed.error(Response.BAD_REQUEST, "Contact URI too long");
            // Step 7: the Contact's expires parameter, else the Expires header, else our default
            int expires = c.expires();
            if (expires < 0) expires = expiresHeader >= 0 ? expiresHeader : props.defaultExpires();
            if (expires < 0) return Parsed.error(Response.BAD_REQUEST, "Bad expires value");
            // §10.3 step 7: too brief → 423 with Min-Expires; too long → shortened (the 200 tells the UA)
            if (expires > 0 && expires < props.minExpires()) {
                return Parsed.error(Response.INTERVAL_TOO_BRIEF, null);
            }
            expires = Math.min(expires, props.maxExpires());
            contacts.add(
                    new BindingChange.RequestedContact(c.uri(), c.key(), expires, c.q(), c.instanceId(), c.regId()));
        }
        return new Parsed(false, contacts, 0, null);
    }

    /** q as 0..1000; a Contact without q (-1) is ranked like q=1.0, so an explicit lower q really ranks lower. */
    private static int qValue(float q) {
        if (q < 0) return 1000;
        return Math.max(0, Math.min(1000, Math.round(q * 1000)));
    }

    private static int regId(String v) {
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
        return userAgent(s.getHeaderValue());
    }

    /** The User-Agent kept with a binding: its value, at most 255 characters. */
    static String userAgent(String value) {
        if (value == null) return null;
        String v = value.strip();
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
