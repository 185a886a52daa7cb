package org.tandem.pbx.trunk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * A SIP trunk provider written as SIP text over UDP: it delivers one call to a DID and sees everything
 * the appliance sends it, so a test can say "nothing left through the trunk" (toll fraud, issue 22),
 * which SIPp cannot: a SIPp UAC discards a new INVITE it has no call for. Not thread-safe.
 */
final class RawProvider implements AutoCloseable {

    private static final String SDP = "v=0\r\no=provider 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 7002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final UdpSipPeer peer;
    private final List<SipText> backlog = new ArrayList<>();
    private String sdp = SDP;
    private String callId;
    private String fromTag;
    private String did;
    private String remote;
    private String toTag;

    RawProvider(int pbxPort) {
        this.peer = new UdpSipPeer(pbxPort);
    }

    int port() {
        return peer.localPort();
    }

    /** The SDP of our INVITEs and answers from now on (e.g. a {@code TestRtpPeer}'s, to exchange real audio). */
    RawProvider offer(String sdp) {
        this.sdp = sdp;
        return this;
    }

    /** A new call the appliance places out of this trunk, answered 200 with our SDP (its ACK is skipped). */
    SipText answerOutbound(Duration within) {
        SipText invite = await(
                m -> m.startLine().startsWith("INVITE ")
                        && !String.valueOf(callId).equals(m.header("Call-ID")),
                "an outbound INVITE",
                within);
        StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String v : invite.headers("Via")) sb.append("Via: ").append(v).append("\r\n");
        for (String r : invite.headers("Record-Route"))
            sb.append("Record-Route: ").append(r).append("\r\n");
        String to = invite.header("To");
        sb.append("From: ")
                .append(invite.header("From"))
                .append("\r\n")
                .append("To: ")
                .append(to)
                .append(to.contains(";tag=") ? "" : ";tag=prov-out")
                .append("\r\n")
                .append("Call-ID: ")
                .append(invite.header("Call-ID"))
                .append("\r\n")
                .append("CSeq: ")
                .append(invite.header("CSeq"))
                .append("\r\n")
                .append("Contact: <sip:provider@127.0.0.1:")
                .append(port())
                .append(">\r\n")
                .append("Content-Type: application/sdp\r\nContent-Length: ")
                .append(sdp.length())
                .append("\r\n\r\n")
                .append(sdp);
        peer.send(sb.toString());
        return invite;
    }

    /** Waits for the BYE of the call {@code callId} and answers it 200. */
    void answerBye(String callId) {
        respond(
                await(
                        m -> m.startLine().startsWith("BYE ") && callId.equals(m.header("Call-ID")),
                        "the BYE of " + callId,
                        Duration.ofSeconds(10)),
                200,
                "OK");
    }

    /** Sends the INVITE of an outside caller (+4930111222) to {@code did}; see {@link #finalResponse}. */
    void call(String did, int pbxPort) {
        this.did = did;
        callId = "prov-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@127.0.0.1";
        fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        peer.send("INVITE sip:" + did + "@127.0.0.1:" + pbxPort + " SIP/2.0\r\n" + via()
                + "From: \"Caller\" <sip:+4930111222@provider.test>;tag=" + fromTag + "\r\n"
                + "To: <sip:" + did + "@provider.test>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:provider@127.0.0.1:" + port() + ">\r\nMax-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    }

    /** The ACK of call {@code callId} (RFC 3261 §13.2.2.4), within {@code within}. */
    SipText ack(String callId, Duration within) {
        return await(
                m -> m.startLine().startsWith("ACK ") && callId.equals(m.header("Call-ID")),
                "the ACK of " + callId,
                within);
    }

    /** The final response to our INVITE; a 2xx is ACKed (RFC 3261 §13.2.2.4), others too (§17.1.1.3). */
    SipText finalResponse() {
        SipText r = await(
                m -> m.status() >= 200 && callId.equals(m.header("Call-ID")) && "1 INVITE".equals(m.header("CSeq")),
                "the final response to our INVITE",
                Duration.ofSeconds(15));
        toTag = RawPhone.tagOf(r.header("To"));
        remote = r.status() == 200 ? RawPhone.uriOf(r.header("Contact")) : null;
        String target = remote != null ? remote : "sip:" + did + "@127.0.0.1";
        peer.send("ACK " + target + " SIP/2.0\r\n" + via() + "From: \"Caller\" <sip:+4930111222@provider.test>;tag="
                + fromTag + "\r\nTo: " + r.header("To") + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        return r;
    }

    /** A new call the appliance places out of this trunk within {@code within}, if any (answered 486). */
    Optional<SipText> outboundInvite(Duration within) {
        try {
            SipText invite = await(
                    m -> m.startLine().startsWith("INVITE ") && !callId.equals(m.header("Call-ID")),
                    "an outbound INVITE",
                    within);
            respond(invite, 486, "Busy Here");
            return Optional.of(invite);
        } catch (AssertionError nothing) {
            return Optional.empty();
        }
    }

    /** Waits for the BYE of our call and answers it 200. */
    void answerBye() {
        respond(
                await(
                        m -> m.startLine().startsWith("BYE ") && callId.equals(m.header("Call-ID")),
                        "the BYE",
                        Duration.ofSeconds(10)),
                200,
                "OK");
    }

    private void respond(SipText request, int status, String reason) {
        StringBuilder sb = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String v : request.headers("Via")) sb.append("Via: ").append(v).append("\r\n");
        String to = request.header("To");
        sb.append("From: ")
                .append(request.header("From"))
                .append("\r\n")
                .append("To: ")
                .append(to)
                .append(to.contains(";tag=") ? "" : ";tag=prov1")
                .append("\r\n")
                .append("Call-ID: ")
                .append(request.header("Call-ID"))
                .append("\r\n")
                .append("CSeq: ")
                .append(request.header("CSeq"))
                .append("\r\nContent-Length: 0\r\n\r\n");
        peer.send(sb.toString());
    }

    private SipText await(Predicate<SipText> wanted, String what, Duration within) {
        for (int i = 0; i < backlog.size(); i++) {
            if (wanted.test(backlog.get(i))) return backlog.remove(i);
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SipText> m = peer.receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (m.isEmpty()) continue;
            if (wanted.test(m.get())) return m.get();
            if (m.get().startLine().startsWith("ACK ")) continue;
            backlog.add(m.get());
        }
        throw new AssertionError("The provider waited in vain for " + what + "; got meanwhile:\n" + backlog);
    }

    private String via() {
        return "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=z9hG4bK-prov-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ";rport\r\n";
    }

    @Override
    public void close() {
        peer.close();
    }
}
