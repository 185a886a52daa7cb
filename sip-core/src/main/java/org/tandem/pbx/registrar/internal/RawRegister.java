package org.tandem.pbx.registrar.internal;

import static org.tandem.pbx.sip.RawRequest.Field.ALLOW;
import static org.tandem.pbx.sip.RawRequest.Field.ALLOW_EVENTS;
import static org.tandem.pbx.sip.RawRequest.Field.AUTHORIZATION;
import static org.tandem.pbx.sip.RawRequest.Field.CALL_ID;
import static org.tandem.pbx.sip.RawRequest.Field.CONTACT;
import static org.tandem.pbx.sip.RawRequest.Field.CONTENT_LENGTH;
import static org.tandem.pbx.sip.RawRequest.Field.CSEQ;
import static org.tandem.pbx.sip.RawRequest.Field.EXPIRES;
import static org.tandem.pbx.sip.RawRequest.Field.EXTENSION;
import static org.tandem.pbx.sip.RawRequest.Field.FROM;
import static org.tandem.pbx.sip.RawRequest.Field.MAX_FORWARDS;
import static org.tandem.pbx.sip.RawRequest.Field.SUPPORTED;
import static org.tandem.pbx.sip.RawRequest.Field.TO;
import static org.tandem.pbx.sip.RawRequest.Field.USER_AGENT;
import static org.tandem.pbx.sip.RawRequest.Field.VIA;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.tandem.pbx.auth.DigestCredentials;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.RawAnswer;
import org.tandem.pbx.sip.RawRequest;
import org.tandem.pbx.sip.RawSyntax;
import org.tandem.pbx.sip.RawVia;

/**
 * A REGISTER over UDP read from its datagram ({@link RawRequest}) into what the registrar uses, copied out of the
 * receive buffer, or null when it is not in the forms read here (the stack's path then serves it). The forms: one Via
 * over UDP with a branch, From, To without tag for a local domain, Call-ID, CSeq of REGISTER, a Request-URI naming a
 * domain served here, at most one Contact line with one contact (or {@code *}) and one Authorization (Digest, our
 * realm), no Require, Timestamp, body or outbound (RFC 5626), and no header but those checked here and {@code X-}
 * extensions. How it reads each is in {@link RawSyntax}.
 *
 * @param credentials the Authorization's digest answer for our realm; null when there is none
 * @param expires     the Expires header; -1 when there is none
 */
record RawRegister(
        String requestUri,
        RawVia via,
        String from,
        String to,
        String toUser,
        String callId,
        String cseqText,
        long cseq,
        boolean wildcard,
        List<Contact> contacts,
        int expires,
        String userAgent,
        DigestCredentials credentials,
        InetAddress source,
        String sourceAddress,
        int sourcePort) {

    /** A Contact: its URI as written and the parameters the registrar reads (RFC 3261 §10.3 step 7, RFC 5626). */
    record Contact(String uri, int expires, String q, String instanceId, String regId) {}

    private static final Set<RawRequest.Field> READ = EnumSet.of(
            VIA,
            FROM,
            TO,
            CALL_ID,
            CSEQ,
            MAX_FORWARDS,
            CONTACT,
            EXPIRES,
            USER_AGENT,
            CONTENT_LENGTH,
            ALLOW,
            SUPPORTED,
            ALLOW_EVENTS,
            AUTHORIZATION,
            EXTENSION);

    /** The REGISTER in the datagram, or null when it is not read here. */
    static RawRegister read(
            byte[] datagram,
            int length,
            InetAddress source,
            int sourcePort,
            LocalAddresses local,
            Supplier<String> realm) {
        if (!RawRequest.startsWith(datagram, length, "REGISTER ") || !(source instanceof Inet4Address)) return null;
        RawRequest r = RawRequest.parse(datagram, length, READ);
        if (r == null || !singleHeaders(r) || !otherHeadersRead(r)) return null;
        RawVia via = RawVia.of(r.value(VIA));
        String uri = r.requestUri();
        if (via == null
                || !RawSyntax.sipUri(uri, 0, uri.length(), false)
                || !local.isLocalHost(RawSyntax.uriHost(uri, 0, uri.length()))) {
            return null; // §10.3 step 1: the stack's path refuses a domain not served here
        }
        String from = r.value(FROM);
        String to = r.value(TO);
        int toEnd = RawSyntax.nameAddr(to, false);
        if (RawSyntax.nameAddr(from, false) < 0 || toEnd < 0 || RawSyntax.hasParameter(to, toEnd, "tag")) return null;
        int toUri = to.indexOf('<') + 1;
        if (!local.isLocalHost(RawSyntax.uriHost(to, toUri, toEnd))) return null; // §10.3 step 5 (404): the stack's
        String callId = r.value(CALL_ID);
        String cseq = r.value(CSEQ);
        if (!RawSyntax.callId(callId) || !RawSyntax.cseq(cseq, "REGISTER")) {
            return null;
        }
        DigestCredentials credentials = null;
        if (r.count(AUTHORIZATION) == 1) {
            credentials = DigestCredentials.fromHeader(r.value(AUTHORIZATION));
            if (credentials == null || !realm.get().equals(credentials.realm())) return null;
            // RFC 3261 §17.2.3: a transaction of its own needs an RFC 3261 branch; an RFC 2543 one goes to the stack
            if (!UdpRegisterTransactions.rfc3261Branch(via.branch())) return null;
            String supported = r.value(SUPPORTED);
            if (supported != null && supported.toLowerCase(Locale.ROOT).contains("outbound")) return null;
        }
        String contact = r.value(CONTACT);
        boolean wildcard = "*".equals(contact);
        List<Contact> contacts = List.of();
        if (contact != null && !wildcard) {
            Contact c = contact(contact);
            if (c == null) return null;
            contacts = List.of(c);
        }
        String expires = r.value(EXPIRES);
        return new RawRegister(
                uri,
                via,
                from,
                to,
                to.substring(toUri + 4, to.indexOf('@', toUri)),
                callId,
                cseq,
                Long.parseLong(cseq.substring(0, cseq.length() - 9)),
                wildcard,
                contacts,
                expires == null ? -1 : Integer.parseInt(expires),
                r.value(USER_AGENT),
                credentials,
                source,
                source.getHostAddress(),
                sourcePort);
    }

    /**
     * A response to this REGISTER as the stack would write it ({@link RawAnswer}), then {@code lines} (each a header
     * line without its CRLF), and no body.
     */
    byte[] response(int status, String reason, List<String> lines) {
        return RawAnswer.write(status, reason, via, sourceAddress, sourcePort, from, to, callId, cseqText, lines);
    }

    /** Where responses go: with rport the source's port (RFC 3581 §4), else the Via's at the source (§18.2.2). */
    int responsePort() {
        return RawAnswer.port(via, sourcePort);
    }

    /** RFC 3261 §7.3.1: the headers that appear once, once; the others at most once here. */
    private static boolean singleHeaders(RawRequest r) {
        return r.hasEnvelope()
                && r.count(CONTENT_LENGTH) <= 1
                && r.count(EXPIRES) <= 1
                && r.count(CONTACT) <= 1
                && r.count(AUTHORIZATION) <= 1;
    }

    /** The headers checked as the stack's parser would refuse them. */
    private static boolean otherHeadersRead(RawRequest r) {
        String contentLength = r.value(CONTENT_LENGTH);
        String expires = r.value(EXPIRES);
        return r.informationalHeadersValid()
                && (contentLength == null || (RawSyntax.number(contentLength) && Integer.parseInt(contentLength) == 0))
                && (expires == null || RawSyntax.number(expires));
    }

    /** One contact, {@code <sip:...>} with parameters; null when it is not read here. */
    private static Contact contact(String value) {
        int close = RawSyntax.nameAddr(value, true);
        if (close < 0) return null;
        int expires = -1;
        String q = null;
        String instance = null;
        String regId = null;
        List<String[]> params = RawSyntax.parameters(value, close + 1);
        if (params == null) return null;
        for (String[] p : params) {
            String name = p[0].toLowerCase(Locale.ROOT);
            String v = p[1];
            switch (name) {
                case "expires" -> {
                    if (v == null || !RawSyntax.number(v)) return null;
                    expires = Integer.parseInt(v);
                }
                case "q" -> {
                    if (v == null || !RawSyntax.qValue(v)) return null;
                    q = v;
                }
                case "+sip.instance" -> instance = v;
                case "reg-id" -> regId = v;
                default -> {
                    // other header parameters: the registrar does not read them
                }
            }
        }
        return new Contact(value.substring(value.indexOf('<') + 1, close), expires, q, instance, regId);
    }
}
