package org.tandem.pbx.proxy.internal;

import static org.tandem.pbx.sip.RawRequest.Field.ALLOW;
import static org.tandem.pbx.sip.RawRequest.Field.ALLOW_EVENTS;
import static org.tandem.pbx.sip.RawRequest.Field.CALL_ID;
import static org.tandem.pbx.sip.RawRequest.Field.CONTACT;
import static org.tandem.pbx.sip.RawRequest.Field.CONTENT_LENGTH;
import static org.tandem.pbx.sip.RawRequest.Field.CONTENT_TYPE;
import static org.tandem.pbx.sip.RawRequest.Field.CSEQ;
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
import java.util.Set;
import org.tandem.pbx.sip.RawAnswer;
import org.tandem.pbx.sip.RawRequest;
import org.tandem.pbx.sip.RawSyntax;
import org.tandem.pbx.sip.RawVia;

/**
 * A new INVITE over UDP without credentials read from its datagram ({@link RawRequest}), or null when it is not in the
 * forms read here (the stack's path then serves it): a SIP Request-URI with a user, one UDP Via with an RFC 3261
 * branch, From, To without tag, Call-ID, CSeq of INVITE, Max-Forwards above 0, one Contact, a body as long as its
 * Content-Length says, and no header but those checked here: no Route, no credentials (Authorization,
 * Proxy-Authorization), no Proxy-Require or Require, no {@code X-} header (our own signed ones are such). How it reads
 * each is in {@link RawSyntax}; the body is not read (the proxy challenges before it looks at the SDP).
 *
 * @param requestUriUser the Request-URI's user part as written
 * @param fromHost       the host of the From URI
 */
record RawInvite(
        RawVia via,
        String requestUri,
        String requestUriHost,
        int requestUriPort,
        String requestUriUser,
        String from,
        String fromHost,
        String to,
        String callId,
        String cseq,
        String userAgent,
        InetAddress source,
        String sourceAddress,
        int sourcePort) {

    private static final Set<RawRequest.Field> READ = EnumSet.of(
            VIA,
            FROM,
            TO,
            CALL_ID,
            CSEQ,
            MAX_FORWARDS,
            CONTACT,
            CONTENT_LENGTH,
            CONTENT_TYPE,
            USER_AGENT,
            ALLOW,
            SUPPORTED,
            ALLOW_EVENTS);

    private static final String COOKIE = "z9hG4bK";

    /** The INVITE in the datagram, or null when it is not read here. */
    static RawInvite read(byte[] datagram, int length, InetAddress source, int sourcePort) {
        if (!RawRequest.startsWith(datagram, length, "INVITE ") || !(source instanceof Inet4Address)) return null;
        RawRequest r = RawRequest.parse(datagram, length, READ, true);
        if (r == null || !singleHeaders(r) || !otherHeadersRead(r)) return null;
        RawVia via = RawVia.of(r.value(VIA));
        if (via == null || !via.branch().startsWith(COOKIE) || via.branch().length() == COOKIE.length()) return null;
        String uri = r.requestUri();
        if (!RawSyntax.sipUri(uri, 0, uri.length(), true)) return null;
        String from = r.value(FROM);
        String to = r.value(TO);
        int fromEnd = RawSyntax.nameAddr(from, false);
        int toEnd = RawSyntax.nameAddr(to, false);
        if (fromEnd < 0 || toEnd < 0 || RawSyntax.hasParameter(to, toEnd, "tag")) return null;
        String callId = r.value(CALL_ID);
        String cseq = r.value(CSEQ);
        if (!RawSyntax.callId(callId) || !RawSyntax.cseq(cseq, "INVITE")) return null;
        if (RawSyntax.nameAddr(r.value(CONTACT), true) < 0) return null;
        return new RawInvite(
                via,
                uri,
                RawSyntax.uriHost(uri, 0, uri.length()),
                RawSyntax.uriPort(uri, 0, uri.length()),
                uri.substring(4, uri.indexOf('@')),
                from,
                RawSyntax.uriHost(from, from.indexOf('<') + 1, fromEnd),
                to,
                callId,
                cseq,
                r.value(USER_AGENT),
                source,
                source.getHostAddress(),
                sourcePort);
    }

    /** A response to this INVITE as the stack's path writes it ({@link RawAnswer}), then {@code lines}, no body. */
    byte[] response(int status, String reason, List<String> lines) {
        return RawAnswer.write(status, reason, via, sourceAddress, sourcePort, from, to, callId, cseq, lines);
    }

    /** Where responses go (RFC 3581 §4, RFC 3261 §18.2.2). */
    int responsePort() {
        return RawAnswer.port(via, sourcePort);
    }

    /** RFC 3261 §7.3.1: the headers that appear once, once; the others at most once here. */
    private static boolean singleHeaders(RawRequest r) {
        return r.hasEnvelope()
                && r.count(MAX_FORWARDS) == 1
                && r.count(CONTACT) == 1
                && r.count(CONTENT_LENGTH) == 1
                && r.count(CONTENT_TYPE) <= 1;
    }

    /**
     * The headers checked as the stack's parser would refuse them; Max-Forwards above 0 (RFC 3261 §16.3 step 3: the
     * proxy answers 483 otherwise) and the body as long as Content-Length says (§18.3), with its type when there is one.
     */
    private static boolean otherHeadersRead(RawRequest r) {
        String contentLength = r.value(CONTENT_LENGTH);
        String contentType = r.value(CONTENT_TYPE);
        return r.informationalHeadersValid()
                && Integer.parseInt(r.value(MAX_FORWARDS)) > 0
                && RawSyntax.number(contentLength)
                && Integer.parseInt(contentLength) == r.bodyLength()
                && (contentType == null ? r.bodyLength() == 0 : RawSyntax.mediaType(contentType));
    }
}
