package org.tandem.pbx.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.MediaEngine;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * Music on hold through the proxy (RFC 3264 §8.4): A calls B; A's hold re-INVITE (sendonly) reaches B pointing at
 * the PBX, which plays music to B once B answers (recvonly) — B's RTP endpoint hears it; A's resume reaches B
 * unchanged (A's own address again) and the music stops; a BYE while held (inactive) stops it too.
 */
class MusicOnHoldIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("661", "Holder", "secret661", null));
        users.create(new UserDraft("662", "Held", "secret662", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private static int audioPort(String sdp) {
        Matcher m = Pattern.compile("m=audio (\\d+)").matcher(sdp);
        assertThat(m.find()).as(sdp).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theHeldPhoneHearsMusicUntilTheHolderResumes() throws Exception {
        try (TestRtpPeer aRtp = new TestRtpPeer();
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "661", "secret661").offer(aRtp.offer());
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "662", "secret662").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("662");
            RawPhone.Leg ba = b.respond(b.request("INVITE"), 200, "OK");
            a.answered(ab);
            b.request("ACK");

            // A holds: B gets an offer for the PBX's music session, sendonly
            SipText holdToB = reInviteThrough(a, ab, aRtp.offer("sendonly"), b, bRtp.offer("recvonly"));
            assertThat(holdToB.body()).contains("a=sendonly");
            assertThat(audioPort(holdToB.body())).as("B is pointed away from A").isNotEqualTo(aRtp.port());
            short[] music = bRtp.awaitSamples(8000 * 2, 5000);
            assertThat(Spectrum.rms(music, 0, music.length)).as("B hears music").isGreaterThan(300);
            assertThat(pbx.bean(MusicOnHold.class).playing()).isEqualTo(1);

            // A resumes: its own offer reaches B unchanged, and the music stops
            SipText resumeToB = reInviteThrough(a, ab, aRtp.offer("sendrecv"), b, bRtp.offer("sendrecv"));
            assertThat(audioPort(resumeToB.body())).isEqualTo(aRtp.port());
            assertThat(pbx.bean(MusicOnHold.class).playing()).isZero();
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> pbx.bean(MediaEngine.class).openSessions() == 0);
            bRtp.clearReceived();
            // no more music: nothing reaches B for half a second
            await("no more music")
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> bRtp.received().length == 0);

            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            assertThat(ba.callId).isEqualTo(ab.callId);
        }
    }

    @Test
    void hangingUpWhileHeldStopsTheMusic() throws Exception {
        try (TestRtpPeer aRtp = new TestRtpPeer();
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "661", "secret661").offer(aRtp.offer());
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "662", "secret662").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("662");
            b.respond(b.request("INVITE"), 200, "OK");
            a.answered(ab);
            b.request("ACK");
            reInviteThrough(a, ab, aRtp.offer("inactive"), b, bRtp.offer("recvonly"));
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> pbx.bean(MusicOnHold.class).playing() == 1);

            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            assertThat(pbx.bean(MusicOnHold.class).playing()).isZero();
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> pbx.bean(MediaEngine.class).openSessions() == 0);
        }
    }

    /** A sends a re-INVITE with {@code offer}; B answers it with {@code answer}; A gets the 200 and ACKs. */
    private static SipText reInviteThrough(RawPhone a, RawPhone.Leg ab, String offer, RawPhone b, String answer) {
        long cseq = a.sendReInvite(ab, offer);
        SipText atB = b.request("INVITE");
        b.offer(answer);
        b.respond(atB, 200, "OK");
        SipText ok = a.finalResponse(ab, "INVITE", cseq);
        assertThat(ok.status()).isEqualTo(200);
        a.sendInDialog(ab, "ACK", cseq);
        b.request("ACK");
        return atB;
    }
}
