package org.tandem.pbx.registrar.internal;

import static org.tandem.pbx.sip.RawRequest.Field.ALLOW;
import static org.tandem.pbx.sip.RawRequest.Field.ALLOW_EVENTS;
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

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.auth.DigestAlgorithm;
import org.tandem.pbx.auth.DigestChallenge;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.sip.DatagramShortcut;
import org.tandem.pbx.sip.InboundFilter;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.RawRequest;
import org.tandem.pbx.sip.RawSyntax;
import org.tandem.pbx.sip.SipResponder;

/**
 * The 401 of a REGISTER over UDP without credentials, written from the datagram's bytes (RFC 3261 §10.3 step 3,
 * §22.2): every phone's first REGISTER, half of all REGISTERs. The stack's path parsed the whole request into
 * objects, built the response as objects and encoded it; that was most of the receive thread's time per REGISTER
 * (issue 23). The answer is the same as {@link Registrar}'s (the test compares them), and stateless as that one is
 * (§8.2.7): the same {@link InboundFilter} first, the same nonce and algorithms from the {@link SipAuthenticator},
 * the same To tag, the same top Via (RFC 3581 §4: received and rport, as jain-sip adds them) and destination.
 *
 * <p>It serves only what it reads completely: one Via over UDP with a branch, From, To (without tag), Call-ID, CSeq
 * of REGISTER, a Request-URI naming a domain served here, no Authorization, Require or Timestamp, no body, and no
 * header but those checked here (Contact, Expires, Max-Forwards, User-Agent, Content-Length, Allow, Supported,
 * Allow-Events) and {@code X-} extensions; RFC 3261 §10.3 authenticates (step 3) before it reads the contacts (step
 * 6), so a REGISTER without credentials is challenged whatever its contacts say, as by the stack's path. Anything
 * else is left to the stack.
 */
final class RegisterChallenges implements DatagramShortcut {

    private static final Logger log = LoggerFactory.getLogger(RegisterChallenges.class);

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
            EXTENSION);
    private static final String VIA_UDP = "SIP/2.0/UDP ";

    private final LocalAddresses local;
    private final InboundFilter filter;
    private final SipAuthenticator authenticator;
    private final LongAdder served = new LongAdder();

    RegisterChallenges(LocalAddresses local, InboundFilter filter, SipAuthenticator authenticator) {
        this.local = local;
        this.filter = filter;
        this.authenticator = authenticator;
    }

    @Override
    public boolean serve(byte[] datagram, int length, InetAddress source, int sourcePort, Sender sender) {
        if (!RawRequest.startsWith(datagram, length, "REGISTER ") || !(source instanceof Inet4Address)) return false;
        RawRequest request = RawRequest.parse(datagram, length, READ);
        if (request == null || !singleHeaders(request)) return false;
        TopVia via = TopVia.of(request.value(VIA));
        if (via == null || !servedHere(request) || !otherHeadersRead(request)) return false;
        String from = request.value(FROM);
        String to = request.value(TO);
        int toEnd = RawSyntax.nameAddr(to, false);
        if (RawSyntax.nameAddr(from, false) < 0 || toEnd < 0 || RawSyntax.hasParameter(to, toEnd, "tag")) return false;
        String callId = request.value(CALL_ID);
        String cseq = request.value(CSEQ);
        if (!callIdText(callId)
                || !cseq.endsWith(" REGISTER")
                || !RawSyntax.number(cseq.substring(0, cseq.length() - 9))) {
            return false;
        }
        String address = source.getHostAddress();
        if (!filter.admit(address, "udp")) return true; // as the dispatcher: no answer at all
        served.increment();
        DigestChallenge challenge = authenticator.registerChallenge(address, request.value(USER_AGENT));
        StringBuilder out = new StringBuilder(600)
                .append("SIP/2.0 401 Unauthorized\r\nVia: ")
                .append(via.answered(address, sourcePort))
                .append("\r\nFrom: ")
                .append(RawSyntax.asWritten(from))
                .append("\r\nTo: ")
                .append(RawSyntax.asWritten(to))
                .append(";tag=")
                .append(SipResponder.localTag(callId, via.branch))
                .append("\r\nCall-ID: ")
                .append(callId)
                .append("\r\nCSeq: ")
                .append(cseq)
                .append("\r\n");
        for (DigestAlgorithm alg : challenge.algorithms()) {
            out.append("WWW-Authenticate: ").append(challenge.headerValue(alg)).append("\r\n");
        }
        byte[] bytes = out.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        try {
            // RFC 3581 §4: with rport to the source's port; else to the Via's port at the received address (§18.2.2)
            sender.send(bytes, bytes.length, source, via.rport ? sourcePort : via.port);
        } catch (IOException e) {
            log.debug("401 to {}:{} not sent: {}", address, sourcePort, e.toString());
        }
        return true;
    }

    /** The REGISTERs challenged here rather than by the stack's path. */
    long served() {
        return served.sum();
    }

    /** RFC 3261 §7.3.1: the headers that appear once, once; the others at most once here. */
    private static boolean singleHeaders(RawRequest r) {
        return r.count(VIA) == 1
                && r.count(FROM) == 1
                && r.count(TO) == 1
                && r.count(CALL_ID) == 1
                && r.count(CSEQ) == 1
                && r.count(MAX_FORWARDS) <= 1
                && r.count(CONTENT_LENGTH) <= 1
                && r.count(EXPIRES) <= 1
                && r.count(USER_AGENT) <= 1
                && r.count(CONTACT) <= 1;
    }

    /** §10.3 step 1: the Request-URI names a domain served here (no user part). */
    private boolean servedHere(RawRequest r) {
        String uri = r.requestUri();
        return RawSyntax.sipUri(uri, 0, uri.length(), false)
                && local.isLocalHost(RawSyntax.uriHost(uri, 0, uri.length()));
    }

    /** The headers the challenge does not use, checked as the stack's parser would refuse them. */
    private static boolean otherHeadersRead(RawRequest r) {
        String maxForwards = r.value(MAX_FORWARDS);
        String contentLength = r.value(CONTENT_LENGTH);
        String expires = r.value(EXPIRES);
        String contact = r.value(CONTACT);
        String userAgent = r.value(USER_AGENT);
        String allow = r.value(ALLOW);
        String supported = r.value(SUPPORTED);
        String events = r.value(ALLOW_EVENTS);
        return (maxForwards == null || (RawSyntax.number(maxForwards) && Integer.parseInt(maxForwards) <= 255))
                && (contentLength == null || (RawSyntax.number(contentLength) && Integer.parseInt(contentLength) == 0))
                && (expires == null || RawSyntax.number(expires))
                && (contact == null || "*".equals(contact) || RawSyntax.nameAddr(contact, true) >= 0)
                && (userAgent == null || RawSyntax.productList(userAgent))
                && (allow == null || RawSyntax.tokenList(allow))
                && (supported == null || RawSyntax.tokenList(supported))
                && (events == null || RawSyntax.tokenList(events));
    }

    /** RFC 3261 §25.1 callid: word ["@" word], printable without whitespace. */
    private static boolean callIdText(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) return false;
        }
        return true;
    }

    /**
     * The top Via, {@code SIP/2.0/UDP host[:port];params} with a branch, no received and at most a bare rport; and
     * how it goes back in the answer.
     */
    private record TopVia(String sentBy, String host, int port, String params, String branch, boolean rport) {

        static TopVia of(String v) {
            if (!v.startsWith(VIA_UDP)) return null;
            int i = VIA_UDP.length();
            int hostStart = i;
            while (i < v.length()
                    && (Character.isLetterOrDigit(v.charAt(i)) || v.charAt(i) == '.' || v.charAt(i) == '-')) {
                i++;
            }
            if (i == hostStart) return null;
            String host = v.substring(hostStart, i);
            int port = 5060;
            if (i < v.length() && v.charAt(i) == ':') {
                int portStart = ++i;
                while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') i++;
                if (i == portStart || i - portStart > 5) return null;
                port = Integer.parseInt(v.substring(portStart, i));
                if (port == 0 || port > 65535) return null;
            }
            String sentBy = v.substring(hostStart, i);
            String params = v.substring(i);
            String branch = null;
            boolean rport = false;
            int p = 0;
            while (p < params.length()) {
                if (params.charAt(p) != ';') return null;
                int nameStart = ++p;
                while (p < params.length() && RawRequest.tokenChar(params.charAt(p))) p++;
                String name = params.substring(nameStart, p);
                String value = null;
                if (p < params.length() && params.charAt(p) == '=') {
                    int valueStart = ++p;
                    while (p < params.length() && RawRequest.tokenChar(params.charAt(p))) p++;
                    value = params.substring(valueStart, p);
                    if (value.isEmpty()) return null;
                }
                if (name.isEmpty()) return null;
                if (name.equalsIgnoreCase("branch")) {
                    if (value == null || branch != null) return null;
                    branch = value;
                } else if (name.equalsIgnoreCase("rport")) {
                    if (value != null || rport) return null;
                    rport = true;
                } else if (name.equalsIgnoreCase("received")) {
                    return null;
                }
            }
            return branch == null ? null : new TopVia(sentBy, host, port, params, branch, rport);
        }

        /**
         * As jain-sip's UDP channel marks it before the stack answers (RFC 3581 §4, RFC 3261 §18.2.1): rport gets the
         * source port where it stands; received, appended, the source address when rport was asked for or the
         * sent-by host is not that address.
         */
        String answered(String address, int sourcePort) {
            StringBuilder b = new StringBuilder(VIA_UDP.length() + sentBy.length() + params.length() + 40)
                    .append(VIA_UDP)
                    .append(sentBy);
            if (rport) {
                int at = rportIndex(params);
                b.append(params, 0, at + ";rport".length())
                        .append('=')
                        .append(sourcePort)
                        .append(params, at + ";rport".length(), params.length());
            } else {
                b.append(params);
            }
            if (rport || !host.equals(address)) b.append(";received=").append(address);
            return b.toString();
        }

        private static int rportIndex(String params) {
            int at = 0;
            while (true) {
                at = params.toLowerCase(java.util.Locale.ROOT).indexOf(";rport", at);
                int end = at + ";rport".length();
                if (end == params.length() || params.charAt(end) == ';') return at;
                at = end;
            }
        }
    }
}
