package org.tandem.pbx.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import javax.sip.TransactionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.StackTransactions;

/**
 * A call through the proxy anchored in the relay (tandem.media.relay=auto), with real RTP: phone A behaves like a phone
 * behind NAT — its SDP names a private address nobody can reach (192.168.1.100) while its RTP really leaves from
 * 127.0.0.1 — so the proxy anchors the call, B never sees A's private address, and audio flows both ways only because
 * the relay latches onto where A really sends from. Each side sends its own tone and the other must hear it.
 */
class AnchoredCallIT {

    static final String PRIVATE = "192.168.1.100";

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.media.bind-address",
                        "127.0.0.1",
                        "tandem.media.advertised-address",
                        "127.0.0.1",
                        "tandem.media.relay",
                        "auto"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("671", "Home worker", "secret671", null));
        users.create(new UserDraft("672", "Office", "secret672", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    /** A's offer as its NAT leaves it: the private address and a port where nothing listens. */
    static String natted(String offer) {
        return offer.replace("127.0.0.1", PRIVATE).replaceFirst("m=audio \\d+", "m=audio 4000");
    }

    @Test
    void aPhoneBehindNatAndAPhoneOnTheLanHearEachOtherThroughTheRelay() throws Exception {
        MediaRelay relay = pbx.bean(MediaRelay.class);
        try (TestRtpPeer aRtp = new TestRtpPeer();
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "671", "secret671")
                        .offer(natted(aRtp.offer()));
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "672", "secret672").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("672");
            SipText atB = b.request("INVITE");
            assertThat(atB.body())
                    .as("B never sees A's private address")
                    .doesNotContain(PRIVATE)
                    .contains("c=IN IP4 127.0.0.1");
            assertThat(relay.openCalls()).isEqualTo(1);
            RawPhone.Leg ba = b.respond(atB, 200, "OK");
            SipText ok = a.answered(ab);
            assertThat(ok.body())
                    .as("A is pointed at the relay, not at B's RTP port")
                    .doesNotContain("m=audio " + bRtp.port() + " ");
            b.request("ACK");
            aRtp.answeredBy(ok.body());
            bRtp.answeredBy(atB.body());

            // A sends first (latching its real port), then both talk: A 440 Hz, B 880 Hz, 2 s each
            Future<?> aTalks = aRtp.send(Tones.sine(440, Duration.ofSeconds(2)));
            Future<?> bTalks = bRtp.send(Tones.sine(880, Duration.ofSeconds(2)));
            short[] atBHeard = bRtp.awaitSamples(8000, 6000);
            short[] atAHeard = aRtp.awaitSamples(8000, 6000);
            aTalks.get();
            bTalks.get();
            assertThat(Spectrum.toneFraction(atBHeard, 0, atBHeard.length, 440, 1000))
                    .as("B hears A's 440 Hz")
                    .isGreaterThan(0.8);
            assertThat(Spectrum.toneFraction(atBHeard, 0, atBHeard.length, 880, 1000))
                    .isLessThan(0.05);
            assertThat(Spectrum.toneFraction(atAHeard, 0, atAHeard.length, 880, 1000))
                    .as("A hears B's 880 Hz although its SDP named an address nobody can reach")
                    .isGreaterThan(0.5);

            // hold and resume from B: the re-INVITE is anchored too (A never learns B's port)
            long cseq = b.sendReInvite(ba, bRtp.offer("sendonly"));
            SipText holdAtA = a.request("INVITE");
            assertThat(holdAtA.body()).contains("a=sendonly").doesNotContain("m=audio " + bRtp.port() + " ");
            a.offer(natted(aRtp.offer("recvonly")));
            a.respond(holdAtA, 200, "OK");
            SipText holdOk = b.finalResponse(ba, "INVITE", cseq);
            assertThat(holdOk.status()).isEqualTo(200);
            assertThat(holdOk.body()).doesNotContain(PRIVATE).contains("a=recvonly");
            b.sendInDialog(ba, "ACK", cseq);
            a.request("ACK");

            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(3)).until(() -> relay.openCalls() == 0);
        }
    }

    /**
     * B's 2xx retransmitted (RFC 3261 §13.3.1.4: until the ACK comes; here after it, as a lost ACK would have it) once
     * the proxy's INVITE transaction let go of the call, and again after the stack dropped that transaction: each
     * reaches A with B's SDP anchored as in the first 2xx (§16.7 step 5 forwards them statelessly), never with B's
     * own RTP port — or A, had it lost the first 2xx, would send its media past the relay.
     */
    @Test
    void aRetransmitted2xxReachesTheCallerAnchoredAsTheFirst() throws Exception {
        MediaRelay relay = pbx.bean(MediaRelay.class);
        try (TestRtpPeer aRtp = new TestRtpPeer();
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "671", "secret671")
                        .offer(natted(aRtp.offer()));
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "672", "secret672").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("672");
            SipText atB = b.request("INVITE");
            b.respond(atB, 200, "OK", "b-answer");
            SipText first = a.answered(ab);
            String anchored = mediaLine(first.body());
            assertThat(anchored).as("the first 2xx points A at the relay").doesNotContain(" " + bRtp.port() + " ");
            b.request("ACK");

            b.respond(atB, 200, "OK", "b-answer"); // the same 2xx again: same Via branch, To tag and SDP
            SipText again = a.response(ab, 200);
            assertThat(mediaLine(again.body())).as("retransmitted at once").isEqualTo(anchored);

            // the stack drops the answered (terminated) transaction at its next tick (T1): the next copy is a stray
            // response; a branch to a contact an earlier test left may still be pending
            SipTransports transports = pbx.bean(SipTransports.class);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> StackTransactions.clientTransactions(transports, "INVITE", ab.callId).stream()
                            .noneMatch(ct -> ct.getState() == TransactionState.TERMINATED));
            b.respond(atB, 200, "OK", "b-answer");
            SipText late = a.response(ab, 200);
            assertThat(mediaLine(late.body()))
                    .as("retransmitted after the transaction")
                    .isEqualTo(anchored);

            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(3)).until(() -> relay.openCalls() == 0);
        }
    }

    private static String mediaLine(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("m=audio ")).findFirst().orElseThrow();
    }

    /**
     * Mid-call changes through the relay (issue 20): A's RFC 4733 digits reach B as events, intact; then A moves its
     * media to another port — first by an UPDATE (RFC 3311, in a confirmed dialog), then by a re-INVITE — each time
     * behind its NAT (a private address in its SDP), and audio keeps flowing both ways because the relay follows A
     * to where its RTP now comes from. B never learns A's address, A never learns B's port.
     */
    @Test
    void digitsAndAMediaMoveByUpdateOrReInviteCrossTheRelay() throws Exception {
        MediaRelay relay = pbx.bean(MediaRelay.class);
        try (TestRtpPeer aRtp = new TestRtpPeer();
                TestRtpPeer bRtp = new TestRtpPeer();
                TestRtpPeer aMoved = new TestRtpPeer();
                TestRtpPeer aMovedAgain = new TestRtpPeer();
                RawPhone a = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "671", "secret671")
                        .offer(natted(aRtp.offer()));
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "672", "secret672").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("672");
            SipText atB = b.request("INVITE");
            RawPhone.Leg ba = b.respond(atB, 200, "OK");
            SipText ok = a.answered(ab);
            b.request("ACK");
            aRtp.answeredBy(ok.body());
            bRtp.answeredBy(atB.body());
            aRtp.send(Tones.sine(440, Duration.ofMillis(400))).get(); // latches A's real port

            // RFC 4733 digits from A arrive at B as events with their end reports
            bRtp.clearReceived();
            aRtp.sendDigit('5', 120).get();
            aRtp.sendDigit('#', 120).get();
            await().atMost(Duration.ofSeconds(3)).until(() -> endedEvents(bRtp).contains(11));
            assertThat(endedEvents(bRtp))
                    .as("the digits B got, as RFC 4733 event codes with E set")
                    .containsExactly(5, 11);

            // A moves by UPDATE: a new private port, RTP from a new socket
            long update = a.sendUpdate(ab, natted(aMoved.offer()).replace("m=audio 4000", "m=audio 4002"));
            SipText updateAtB = b.request("UPDATE");
            assertThat(updateAtB.body())
                    .as("B never sees A's private address")
                    .doesNotContain(PRIVATE)
                    .contains("c=IN IP4 127.0.0.1");
            b.respond(updateAtB, 200, "OK");
            SipText updateOk = a.finalResponse(ab, "UPDATE", update);
            assertThat(updateOk.status()).isEqualTo(200);
            assertThat(updateOk.body())
                    .as("the UPDATE's answer points A at the relay")
                    .contains("m=audio")
                    .doesNotContain("m=audio " + bRtp.port() + " ");
            aMoved.answeredBy(updateOk.body());
            assertHearEachOther(aMoved, bRtp, 660, "after the UPDATE");

            // A moves again, by re-INVITE
            long reInvite = a.sendReInvite(ab, natted(aMovedAgain.offer()).replace("m=audio 4000", "m=audio 4004"));
            SipText reInviteAtB = b.request("INVITE");
            assertThat(reInviteAtB.body()).doesNotContain(PRIVATE);
            b.respond(reInviteAtB, 200, "OK");
            SipText reInviteOk = a.finalResponse(ab, "INVITE", reInvite);
            assertThat(reInviteOk.status()).isEqualTo(200);
            a.sendInDialog(ab, "ACK", reInvite);
            b.request("ACK");
            aMovedAgain.answeredBy(reInviteOk.body());
            assertHearEachOther(aMovedAgain, bRtp, 550, "after the re-INVITE");

            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(3)).until(() -> relay.openCalls() == 0);
        }
    }

    /** A (from where it now sends) talks first, latching the relay onto it, then both talk; each hears the other. */
    private static void assertHearEachOther(TestRtpPeer a, TestRtpPeer b, int aHz, String when) throws Exception {
        a.send(Tones.sine(aHz, Duration.ofMillis(300))).get();
        a.clearReceived();
        b.clearReceived();
        Future<?> aTalks = a.send(Tones.sine(aHz, Duration.ofSeconds(2)));
        Future<?> bTalks = b.send(Tones.sine(880, Duration.ofSeconds(2)));
        short[] atB = b.awaitSamples(8000, 6000);
        short[] atA = a.awaitSamples(8000, 6000);
        aTalks.get();
        bTalks.get();
        assertThat(Spectrum.toneFraction(atB, 0, atB.length, aHz, 1000))
                .as("B hears A " + when)
                .isGreaterThan(0.8);
        assertThat(Spectrum.toneFraction(atA, 0, atA.length, 880, 1000))
                .as("A hears B " + when)
                .isGreaterThan(0.5);
    }

    /** The RFC 4733 events (payload type 101) a peer received with the end bit set, each event once, in order. */
    private static java.util.List<Integer> endedEvents(TestRtpPeer peer) {
        java.util.List<Integer> events = new java.util.ArrayList<>();
        int last = -1;
        for (byte[] p : peer.packets()) {
            if (p.length < 16 || (p[1] & 0x7f) != TestRtpPeer.DTMF_PT) continue;
            int offset = 12 + 4 * (p[0] & 0x0f);
            int event = p[offset] & 0xff;
            boolean end = (p[offset + 1] & 0x80) != 0;
            if (end && event != last) events.add(event);
            if (end) last = event;
        }
        return events;
    }
}
