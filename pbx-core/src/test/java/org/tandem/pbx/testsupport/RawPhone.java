package org.tandem.pbx.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A phone written as SIP text over UDP, for call flows SIPp cannot script (several dialogs at once:
 * pickup, transfer). It registers with digest, places calls answering the proxy's 407, answers and
 * sends in-dialog requests along the Record-Route (RFC 3261 §12.1, §12.2). Not thread-safe.
 */
public final class RawPhone implements AutoCloseable {

    private static final String SDP = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 7000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    /** One dialog (or early dialog) of this phone. */
    public static final class Leg {
        public final String callId;
        public final String localTag;
        public String remoteTag;
        public String localUri;
        public String remoteUri;
        public String remoteTarget;
        public List<String> routeSet = List.of();
        public long cseq;
        public String inviteBranch;
        public String inviteRequestUri;
        /** The last INVITE sent, as sent (for a retransmission of it). */
        String inviteText;

        Leg(String callId, String localTag) {
            this.callId = callId;
            this.localTag = localTag;
        }
    }

    private final SipPeer peer;
    private final String transport; // UDP or TLS, as the Via names it
    private final int serverPort;
    private final String extension;
    private final String password;
    private final String domain;
    private final List<SipText> backlog = new ArrayList<>();
    private String offer = SDP;

    public RawPhone(int serverPort, String domain, String extension, String password) {
        this(new UdpSipPeer(serverPort), "UDP", serverPort, domain, extension, password);
    }

    private RawPhone(SipPeer peer, String transport, int serverPort, String domain, String extension, String password) {
        this.peer = peer;
        this.transport = transport;
        this.serverPort = serverPort;
        this.domain = domain;
        this.extension = extension;
        this.password = password;
    }

    /** A phone on SIP-TLS: its REGISTER, calls and answers over one TLS connection to {@code serverTlsPort}. */
    public static RawPhone overTls(int serverTlsPort, String domain, String extension, String password) {
        return new RawPhone(TcpSipPeer.tls(serverTlsPort), "TLS", serverTlsPort, domain, extension, password);
    }

    /** The SDP of this phone's next INVITEs and 2xx answers (e.g. a {@code TestRtpPeer}'s, to exchange real audio). */
    public RawPhone offer(String sdp) {
        this.offer = sdp;
        return this;
    }

    public String contact() {
        return "sip:" + extension + "@127.0.0.1:" + peer.localPort()
                + ("TLS".equals(transport) ? ";transport=tls" : "");
    }

    public void register() {
        RegisterMessage m = new RegisterMessage(serverPort, peer.localPort())
                .transport(transport)
                .user(extension)
                .contact("<" + contact() + ">;expires=600");
        SipText answer = DigestRegistration.register(peer, m, extension, password, "MD5");
        if (answer.status() != 200) throw new AssertionError("Registration of " + extension + " failed:\n" + answer);
    }

    /** Sends an INVITE for {@code dialled}, answers the 407, and returns the leg (no final answer yet). */
    public Leg invite(String dialled, String... extraHeaders) {
        Leg leg = new Leg("raw-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@127.0.0.1", tag());
        leg.localUri = "sip:" + extension + "@" + domain;
        leg.remoteUri = "sip:" + dialled + "@" + domain;
        leg.inviteRequestUri = leg.remoteUri;
        leg.cseq = 1;
        leg.inviteBranch = branch();
        if (password == null) {
            // an outside caller (tandem.proxy.anonymous-inbound): no credentials, no challenge
            leg.remoteUri = "sip:" + dialled + "@" + PbxTestContext.DOMAIN;
            leg.inviteRequestUri = leg.remoteUri;
            peer.send(inviteText(leg, null, extraHeaders));
            return leg;
        }
        peer.send(inviteText(leg, null, extraHeaders));
        SipText challenge = response(leg, 407);
        peer.send(ackForNonSuccess(leg, challenge));
        var params = DigestAnswer.challenge(challenge, "Proxy-Authenticate", "MD5");
        String auth = DigestAnswer.authorization(
                params, "MD5", extension, password, "INVITE", leg.inviteRequestUri, 1, "c" + System.nanoTime());
        leg.cseq = 2;
        leg.inviteBranch = branch();
        leg.inviteText = inviteText(leg, auth, extraHeaders);
        peer.send(leg.inviteText);
        return leg;
    }

    /** Sends the leg's last INVITE again, byte for byte: a retransmission (RFC 3261 §17.1.1.2). */
    public void retransmitInvite(Leg leg) {
        if (leg.inviteText == null) throw new IllegalStateException("no authenticated INVITE sent on this leg");
        peer.send(leg.inviteText);
    }

    private String inviteText(Leg leg, String auth, String... extraHeaders) {
        StringBuilder sb = new StringBuilder("INVITE " + leg.inviteRequestUri + " SIP/2.0\r\n")
                .append(via(leg.inviteBranch))
                .append("From: <")
                .append(leg.localUri)
                .append(">;tag=")
                .append(leg.localTag)
                .append("\r\n")
                .append("To: <")
                .append(leg.remoteUri)
                .append(">\r\n")
                .append("Call-ID: ")
                .append(leg.callId)
                .append("\r\n")
                .append("CSeq: ")
                .append(leg.cseq)
                .append(" INVITE\r\n")
                .append("Contact: <")
                .append(contact())
                .append(">\r\n")
                .append("Max-Forwards: 70\r\n");
        if (auth != null) sb.append("Proxy-Authorization: ").append(auth).append("\r\n");
        for (String h : extraHeaders) sb.append(h).append("\r\n");
        return sb.append("Content-Type: application/sdp\r\nContent-Length: ")
                .append(offer.length())
                .append("\r\n\r\n")
                .append(offer)
                .toString();
    }

    /** Waits for a response of {@code leg} with this status (skipping others of that leg). */
    public SipText response(Leg leg, int status) {
        return await(
                m -> m.status() == status && leg.callId.equals(m.header("Call-ID")),
                "a " + status + " for " + leg.callId);
    }

    /** Waits up to {@code within} for a response of {@code leg} with this status (skipping others of that leg). */
    public SipText response(Leg leg, int status, Duration within) {
        return await(
                m -> m.status() == status && leg.callId.equals(m.header("Call-ID")),
                "a " + status + " for " + leg.callId,
                within);
    }

    /** Waits for the final 2xx of the INVITE, then ACKs it along the route set (§13.2.2.4). */
    public SipText answered(Leg leg) {
        return answered(leg, Duration.ofSeconds(10));
    }

    /** Waits up to {@code within} for the final 2xx of the INVITE, then ACKs it along the route set (§13.2.2.4). */
    public SipText answered(Leg leg, Duration within) {
        SipText ok = response(leg, 200, within);
        leg.remoteTag = tagOf(ok.header("To"));
        leg.remoteTarget = uriOf(ok.header("Contact"));
        List<String> rr = new ArrayList<>(ok.values("Record-Route"));
        Collections.reverse(rr); // §12.1.2: the UAC's route set is the Record-Route in reverse
        leg.routeSet = rr;
        sendInDialog(leg, "ACK", leg.cseq);
        return ok;
    }

    /**
     * The first response of {@code leg}'s INVITE at or above {@code status}, in the order they arrived (a later one is
     * kept for the next wait): to see which of two answers sent back to back came first.
     */
    public SipText nextInviteResponse(Leg leg, int status) {
        return await(
                m -> m.status() >= status
                        && leg.callId.equals(m.header("Call-ID"))
                        && String.valueOf(m.header("CSeq")).endsWith(" INVITE"),
                "a response of at least " + status + " for " + leg.callId);
    }

    /** The first request of this Call-ID whose method is one of {@code methods}, in the order they arrived. */
    public SipText nextRequest(String callId, String... methods) {
        return await(
                m -> m.status() < 0
                        && callId.equals(m.header("Call-ID"))
                        && java.util.Arrays.stream(methods)
                                .anyMatch(x -> m.startLine().startsWith(x + " ")),
                "one of " + java.util.Arrays.toString(methods) + " for " + callId);
    }

    /** Waits for a request with this method (on any dialog). */
    public SipText request(String method) {
        return request(method, Duration.ofSeconds(10));
    }

    /** Waits up to {@code within} for a request with this method (on any dialog). */
    public SipText request(String method, Duration within) {
        return await(m -> m.status() < 0 && m.startLine().startsWith(method + " "), "a " + method, within);
    }

    /** Answers {@code request} with {@code status}; a 2xx to an INVITE makes this phone the UAS of a new leg. */
    public Leg respond(SipText request, int status, String reason) {
        return respond(request, status, reason, null);
    }

    /** As {@link #respond(SipText, int, String)}, with this To tag (e.g. a 180 and the 200 of one dialog). */
    public Leg respond(SipText request, int status, String reason, String tag) {
        String toTag = tagOf(request.header("To"));
        if (toTag == null) toTag = tag != null ? tag : tag();
        StringBuilder sb = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String v : request.headers("Via")) sb.append("Via: ").append(v).append("\r\n");
        for (String r : request.headers("Record-Route"))
            sb.append("Record-Route: ").append(r).append("\r\n");
        sb.append("From: ")
                .append(request.header("From"))
                .append("\r\n")
                .append("To: ")
                .append(request.header("To"))
                .append(request.header("To").contains(";tag=") ? "" : ";tag=" + toTag)
                .append("\r\n")
                .append("Call-ID: ")
                .append(request.header("Call-ID"))
                .append("\r\n")
                .append("CSeq: ")
                .append(request.header("CSeq"))
                .append("\r\n")
                .append("Contact: <")
                .append(contact())
                .append(">\r\n");
        boolean inviteOk = status == 200 && request.startLine().startsWith("INVITE ");
        // RFC 3311 §5.2: a 2xx to an UPDATE that carried an offer carries the answer
        boolean updateAnswer = status == 200
                && request.startLine().startsWith("UPDATE ")
                && !request.body().isEmpty();
        if (inviteOk || updateAnswer) {
            sb.append("Content-Type: application/sdp\r\nContent-Length: ")
                    .append(offer.length())
                    .append("\r\n\r\n")
                    .append(offer);
        } else {
            sb.append("Content-Length: 0\r\n\r\n");
        }
        peer.send(sb.toString());
        if (!inviteOk) return null;
        Leg leg = new Leg(request.header("Call-ID"), toTag);
        leg.remoteTag = tagOf(request.header("From"));
        leg.localUri = uriOf(request.header("To"));
        leg.remoteUri = uriOf(request.header("From"));
        leg.remoteTarget = uriOf(request.header("Contact"));
        leg.routeSet = request.values("Record-Route"); // §12.1.1: the UAS keeps the order
        leg.cseq = 100;
        return leg;
    }

    /** Sends an in-dialog request (BYE, REFER...) along the leg's route set; returns nothing. */
    public void sendInDialog(Leg leg, String method, long cseq, String... extraHeaders) {
        sendInDialogWithBody(leg, method, cseq, null, extraHeaders);
    }

    /** A re-INVITE with a new SDP offer (hold: {@code a=sendonly}); waits for its final response (ACK it yourself). */
    public SipText reInvite(Leg leg, String sdpOffer) {
        return finalResponse(leg, "INVITE", sendReInvite(leg, sdpOffer));
    }

    /** Sends a re-INVITE with a new SDP offer without waiting; returns its CSeq number. */
    public long sendReInvite(Leg leg, String sdpOffer) {
        leg.cseq++;
        sendInDialogWithBody(leg, "INVITE", leg.cseq, sdpOffer);
        return leg.cseq;
    }

    /**
     * An out-of-dialog PUBLISH (RFC 3903) to {@code target} with {@code body}; with {@code answerChallenge} the
     * proxy's digest challenge is answered. Returns the final response (the 407 when not answering it).
     */
    public SipText publish(String target, String event, String contentType, String body, boolean answerChallenge) {
        String callId = "pub-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@127.0.0.1";
        String fromTag = tag();
        peer.send(publishText(target, event, contentType, body, callId, fromTag, 1, null));
        SipText first =
                await(m -> m.status() >= 200 && callId.equals(m.header("Call-ID")), "the final response to PUBLISH");
        if (first.status() != 407 || !answerChallenge) return first;
        var params = DigestAnswer.challenge(first, "Proxy-Authenticate", "MD5");
        String auth = DigestAnswer.authorization(
                params, "MD5", extension, password, "PUBLISH", target, 1, "c" + System.nanoTime());
        peer.send(publishText(target, event, contentType, body, callId, fromTag, 2, auth));
        return await(
                m -> m.status() >= 200 && callId.equals(m.header("Call-ID")) && "2 PUBLISH".equals(m.header("CSeq")),
                "the final response to the authenticated PUBLISH");
    }

    private String publishText(
            String target,
            String event,
            String contentType,
            String body,
            String callId,
            String fromTag,
            long cseq,
            String auth) {
        StringBuilder sb = new StringBuilder("PUBLISH " + target + " SIP/2.0\r\n")
                .append(via(branch()))
                .append("From: <sip:")
                .append(extension)
                .append("@")
                .append(domain)
                .append(">;tag=")
                .append(fromTag)
                .append("\r\nTo: <sip:")
                .append(extension)
                .append("@")
                .append(domain)
                .append(">\r\n")
                .append("Call-ID: ")
                .append(callId)
                .append("\r\nCSeq: ")
                .append(cseq)
                .append(" PUBLISH\r\n")
                .append("Max-Forwards: 70\r\nEvent: ")
                .append(event)
                .append("\r\n");
        if (auth != null) sb.append("Proxy-Authorization: ").append(auth).append("\r\n");
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return sb.append("Content-Type: ")
                .append(contentType)
                .append("\r\nContent-Length: ")
                .append(bytes.length)
                .append("\r\n\r\n")
                .append(body)
                .toString();
    }

    /** Sends an UPDATE (RFC 3311) with a new SDP offer without waiting; returns its CSeq number. */
    public long sendUpdate(Leg leg, String sdpOffer) {
        leg.cseq++;
        sendInDialogWithBody(leg, "UPDATE", leg.cseq, sdpOffer);
        return leg.cseq;
    }

    private void sendInDialogWithBody(Leg leg, String method, long cseq, String sdp, String... extraHeaders) {
        sendInDialogWithBody(leg, method, cseq, "application/sdp", sdp, extraHeaders);
    }

    /**
     * Sends the next in-dialog request of {@code method} with a body of {@code contentType} (e.g. a NOTIFY with
     * message/sipfrag) without waiting; returns its CSeq number.
     */
    public long sendWithBody(Leg leg, String method, String contentType, String body, String... extraHeaders) {
        leg.cseq++;
        sendInDialogWithBody(leg, method, leg.cseq, contentType, body, extraHeaders);
        return leg.cseq;
    }

    private void sendInDialogWithBody(
            Leg leg, String method, long cseq, String contentType, String sdp, String... extraHeaders) {
        StringBuilder sb = new StringBuilder(method + " " + leg.remoteTarget + " SIP/2.0\r\n").append(via(branch()));
        for (String r : leg.routeSet) sb.append("Route: ").append(r).append("\r\n");
        sb.append("From: <")
                .append(leg.localUri)
                .append(">;tag=")
                .append(leg.localTag)
                .append("\r\n")
                .append("To: <")
                .append(leg.remoteUri)
                .append(">;tag=")
                .append(leg.remoteTag)
                .append("\r\n")
                .append("Call-ID: ")
                .append(leg.callId)
                .append("\r\n")
                .append("CSeq: ")
                .append(cseq)
                .append(" ")
                .append(method)
                .append("\r\n")
                .append("Contact: <")
                .append(contact())
                .append(">\r\nMax-Forwards: 70\r\n");
        for (String h : extraHeaders) sb.append(h).append("\r\n");
        if (sdp != null) {
            sb.append("Content-Type: ")
                    .append(contentType)
                    .append("\r\nContent-Length: ")
                    .append(sdp.length())
                    .append("\r\n\r\n")
                    .append(sdp);
            peer.send(sb.toString());
            return;
        }
        peer.send(sb.append("Content-Length: 0\r\n\r\n").toString());
    }

    /** Sends the next in-dialog request of {@code method} and waits for its final response. */
    public SipText inDialog(Leg leg, String method, String... extraHeaders) {
        long cseq = send(leg, method, extraHeaders);
        return finalResponse(leg, method, cseq);
    }

    /** Sends the next in-dialog request of {@code method} without waiting; returns its CSeq number. */
    public long send(Leg leg, String method, String... extraHeaders) {
        leg.cseq++;
        sendInDialog(leg, method, leg.cseq, extraHeaders);
        return leg.cseq;
    }

    public SipText finalResponse(Leg leg, String method, long cseq) {
        return await(
                m -> m.status() >= 200
                        && leg.callId.equals(m.header("Call-ID"))
                        && (cseq + " " + method).equals(m.header("CSeq")),
                "the final response to " + method);
    }

    /** CANCEL of the leg's pending INVITE (§9.1: same branch, Request-URI, Call-ID, CSeq number). */
    public void cancel(Leg leg) {
        peer.send("CANCEL " + leg.inviteRequestUri + " SIP/2.0\r\n" + via(leg.inviteBranch)
                + "From: <" + leg.localUri + ">;tag=" + leg.localTag + "\r\nTo: <" + leg.remoteUri + ">\r\n"
                + "Call-ID: " + leg.callId + "\r\nCSeq: " + leg.cseq
                + " CANCEL\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    /** ACK for a non-2xx final response (§17.1.1.3: same branch as the INVITE). */
    public void ackFailure(Leg leg, SipText response) {
        peer.send(ackForNonSuccess(leg, response));
    }

    /**
     * ACK for a non-2xx final response to a re-INVITE (§17.1.1.3: the re-INVITE's Request-URI, Route set and branch,
     * the latter from the response's Via).
     */
    public void ackReInviteFailure(Leg leg, SipText response) {
        StringBuilder sb =
                new StringBuilder("ACK " + leg.remoteTarget + " SIP/2.0\r\nVia: " + response.header("Via") + "\r\n");
        for (String r : leg.routeSet) sb.append("Route: ").append(r).append("\r\n");
        peer.send(sb.append("From: <")
                .append(leg.localUri)
                .append(">;tag=")
                .append(leg.localTag)
                .append("\r\nTo: ")
                .append(response.header("To"))
                .append("\r\nCall-ID: ")
                .append(leg.callId)
                .append("\r\nCSeq: ")
                .append(response.header("CSeq").split(" ")[0])
                .append(" ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
                .toString());
    }

    private String ackForNonSuccess(Leg leg, SipText response) {
        return "ACK " + leg.inviteRequestUri + " SIP/2.0\r\n" + via(leg.inviteBranch)
                + "From: <" + leg.localUri + ">;tag=" + leg.localTag + "\r\nTo: " + response.header("To") + "\r\n"
                + "Call-ID: " + leg.callId + "\r\nCSeq: " + leg.cseq
                + " ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    private SipText await(java.util.function.Predicate<SipText> wanted, String what) {
        return await(wanted, what, Duration.ofSeconds(10));
    }

    private SipText await(java.util.function.Predicate<SipText> wanted, String what, Duration within) {
        for (int i = 0; i < backlog.size(); i++) {
            if (wanted.test(backlog.get(i))) return backlog.remove(i);
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SipText> m = peer.receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (m.isEmpty()) continue;
            if (wanted.test(m.get())) return m.get();
            if (isKeepalive(m.get())) continue;
            backlog.add(m.get());
        }
        throw new AssertionError(extension + " waited in vain for " + what + "; got meanwhile:\n" + backlog);
    }

    /** NAT keepalive OPTIONS from the registrar: answered, never kept. */
    private boolean isKeepalive(SipText m) {
        if (!m.startLine().startsWith("OPTIONS ")) return false;
        respond(m, 200, "OK");
        return true;
    }

    private String via(String branch) {
        return "Via: SIP/2.0/" + transport + " 127.0.0.1:" + peer.localPort() + ";branch=" + branch + ";rport\r\n";
    }

    private static String branch() {
        return "z9hG4bK-raw-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    public static String tagOf(String header) {
        if (header == null) return null;
        int i = header.indexOf(";tag=");
        if (i < 0) return null;
        String t = header.substring(i + 5);
        int end = t.indexOf(';');
        return (end < 0 ? t : t.substring(0, end)).strip();
    }

    public static String uriOf(String header) {
        if (header == null) return null;
        int lt = header.indexOf('<');
        if (lt >= 0) return header.substring(lt + 1, header.indexOf('>', lt));
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).strip();
    }

    @Override
    public void close() {
        peer.close();
    }
}
