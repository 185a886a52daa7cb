package org.tandem.pbx.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.MediaEngine;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * The dialog side of a call answered with media (here: a voicemail box): a caller whose RTP stops is hung up
 * after {@code tandem.media.rtp-timeout} with a BYE saying so; a hold re-INVITE (sendonly) gets an answer from
 * the same session (recvonly) and does not count as lost media; an INVITE without an offer gets 488; a method
 * the dialog does not do gets 405 with Allow. Every session is closed afterwards.
 */
class MediaCallIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of("tandem.media.rtp-timeout", "3s"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("651", "Box 651", "secret651", null));
        users.create(new UserDraft("652", "Caller 652", "secret652", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void aCallerWhoseMediaStopsIsHungUpAfterTheRtpTimeout() throws Exception {
        try (TestRtpPeer rtp = new TestRtpPeer();
                RawPhone phone =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "652", "secret652").offer(rtp.offer())) {
            RawPhone.Leg leg = phone.invite("651");
            rtp.answeredBy(phone.answered(leg).body());
            rtp.send(new short[8000]).get(5, TimeUnit.SECONDS); // one second of silence, then nothing
            long quiet = System.nanoTime();
            SipText bye = phone.request("BYE");
            phone.respond(bye, 200, "OK");
            assertThat(bye.header("Reason")).contains("RTP timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - quiet))
                    .isBetween(Duration.ofMillis(2500), Duration.ofSeconds(8));
        }
        awaitNoSessions();
    }

    /**
     * A caller behind NAT: its SDP names its private address (192.168.1.100, where nothing can be reached) while its
     * RTP comes from 127.0.0.1. The session latches onto the real source (symmetric RTP), so the greeting reaches it.
     */
    @Test
    void aCallerBehindNatHearsTheServiceWhereItsRtpReallyComesFrom() throws Exception {
        try (TestRtpPeer rtp = new TestRtpPeer();
                RawPhone phone = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "652", "secret652")
                        .offer(rtp.offer()
                                .replace("127.0.0.1", "192.168.1.100")
                                .replaceFirst("m=audio \\d+", "m=audio 4000"))) {
            RawPhone.Leg leg = phone.invite("651");
            rtp.answeredBy(phone.answered(leg).body());
            rtp.send(new short[1600]); // a phone sends from the start: 200 ms of silence latch its NAT mapping
            short[] heard = rtp.awaitSamples(8000, 8000);
            assertThat(org.tandem.media.testsupport.Spectrum.rms(heard, 0, heard.length))
                    .as("the voicemail greeting reaches the NATed caller")
                    .isGreaterThan(300);
            long bye = phone.send(leg, "BYE");
            assertThat(phone.finalResponse(leg, "BYE", bye).status()).isEqualTo(200);
        }
        awaitNoSessions();
    }

    @Test
    void holdIsAnsweredFromTheSameSessionAndOtherMethodsAreRefusedWithAllow() throws Exception {
        try (TestRtpPeer rtp = new TestRtpPeer();
                RawPhone phone =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "652", "secret652").offer(rtp.offer())) {
            RawPhone.Leg leg = phone.invite("651");
            String first = phone.answered(leg).body();
            String port = first.replaceAll("(?s).*m=audio (\\d+).*", "$1");

            // RFC 3264 §8.4: hold (sendonly) is answered recvonly on the same port, resume sendrecv
            SipText held = phone.reInvite(leg, rtp.offer("sendonly"));
            assertThat(held.status()).isEqualTo(200);
            phone.sendInDialog(leg, "ACK", leg.cseq);
            assertThat(held.body()).contains("a=recvonly").contains("m=audio " + port + " ");
            SipText resumed = phone.reInvite(leg, rtp.offer("sendrecv"));
            assertThat(resumed.status()).isEqualTo(200);
            phone.sendInDialog(leg, "ACK", leg.cseq);
            assertThat(resumed.body()).contains("a=sendrecv").contains("m=audio " + port + " ");

            SipText refused = phone.inDialog(leg, "MESSAGE");
            assertThat(refused.status()).isEqualTo(405);
            assertThat(refused.header("Allow"))
                    .contains("INVITE")
                    .contains("BYE")
                    .contains("INFO");
            assertThat(phone.inDialog(leg, "OPTIONS").status()).isEqualTo(200);
            assertThat(phone.inDialog(leg, "BYE").status()).isEqualTo(200);
            assertThat(port).matches("\\d+");
        }
        awaitNoSessions();
    }

    @Test
    void anInviteWithoutAnOfferIsRefusedWith488() {
        try (RawPhone phone = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "652", "secret652").offer("")) {
            RawPhone.Leg leg = phone.invite("651");
            SipText refused = phone.response(leg, 488);
            phone.ackFailure(leg, refused);
            assertThat(refused.startLine()).contains("An SDP offer in the INVITE is required");
        }
    }

    private static void awaitNoSessions() throws InterruptedException {
        MediaEngine engine = pbx.bean(MediaEngine.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (engine.openSessions() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(engine.openSessions()).isZero();
    }
}
