package org.tandem.pbx.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * A relayed call whose phones stop sending RTP (power or network lost) is hung up by the PBX: both phones get a BYE
 * with an RFC 3326 Reason once tandem.media.dead-stream-timeout passes, the relay is freed, and the call record says
 * the system hung up for {@code rtp-timeout}, with what the relay received from each phone.
 */
class DeadStreamIT {

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
                        "always",
                        "tandem.media.dead-stream-timeout",
                        "3s"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("681", "Caller", "secret681", null));
        users.create(new UserDraft("682", "Callee", "secret682", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void aCallWhosePhonesFallSilentIsHungUpOnBothSidesAndRecordedWhy() throws Exception {
        MediaRelay relay = pbx.bean(MediaRelay.class);
        try (TestRtpPeer aRtp = new TestRtpPeer();
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "681", "secret681").offer(aRtp.offer());
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "682", "secret682").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("682");
            SipText atB = b.request("INVITE");
            b.respond(atB, 200, "OK");
            SipText ok = a.answered(ab);
            b.request("ACK");
            assertThat(relay.openCalls()).isEqualTo(1);
            aRtp.answeredBy(ok.body());
            bRtp.answeredBy(atB.body());
            // one second of talk each way, then both fall silent
            aRtp.send(Tones.sine(440, Duration.ofSeconds(1)));
            bRtp.send(Tones.sine(880, Duration.ofSeconds(1))).get();

            SipText byeAtA = a.request("BYE", Duration.ofSeconds(10));
            SipText byeAtB = b.request("BYE", Duration.ofSeconds(10));
            for (SipText bye : new SipText[] {byeAtA, byeAtB}) {
                assertThat(bye.header("Reason")).startsWith("SIP;cause=408").contains("No RTP");
                assertThat(bye.header("Call-ID")).isEqualTo(ab.callId);
            }
            // each BYE is in the receiver's dialog: its own tag in To, the other side's in From
            assertThat(RawPhone.tagOf(byeAtA.header("To"))).isEqualTo(ab.localTag);
            assertThat(RawPhone.tagOf(byeAtB.header("From"))).isEqualTo(ab.localTag);
            a.respond(byeAtA, 200, "OK");
            b.respond(byeAtB, 200, "OK");
            await().atMost(Duration.ofSeconds(3)).until(() -> relay.openCalls() == 0);

            CallRecords records = pbx.bean(CallRecords.class);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> records.find(ab.callId)
                            .map(r -> r.endedAt() != null && r.media() != null)
                            .orElse(false));
            CallRecord r = records.find(ab.callId).orElseThrow();
            assertThat(r.hangupSide()).isEqualTo(HangupSide.SYSTEM);
            assertThat(r.hangupCause()).isEqualTo("rtp-timeout");
            assertThat(r.media().relayed()).isTrue();
            assertThat(r.media().caller().packets())
                    .as("a second of 20 ms packets from A")
                    .isBetween(45L, 55L);
            assertThat(r.media().callee().packets()).isBetween(45L, 55L);
            // PCMU, 20 ms: 12 bytes of RTP header and 160 of audio in each packet
            assertThat(r.media().caller().bytes())
                    .as("the bytes of A's packets")
                    .isEqualTo(r.media().caller().packets() * 172);
            assertThat(r.media().callee().bytes()).isEqualTo(r.media().callee().packets() * 172);
            assertThat(r.media().caller().lost()).isZero();
        }
    }
}
