package org.tandem.pbx.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.quality.CallQuality;
import org.tandem.pbx.quality.QualityReport;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * Quality figures for a call whose media went directly between the phones (issue 20), which the relay never sees: the
 * caller's phone sends an RFC 6035 report (PUBLISH, Event: vq-rtcpxr, as Yealink, Polycom and Snom do at the end of
 * a call) and its local metrics are kept with the call's Call-ID, beside its call record. Bad reports are refused
 * with the reason and keep nothing. Runs on H2 and, as {@link CallQualityReportMariaDbIT}, on MariaDB.
 */
class CallQualityReportIT {

    static final String COLLECTOR = "sip:collector@" + PbxTestContext.DOMAIN;

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of("tandem.media.relay", "never"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("150", "Reporting phone", "secret150", null));
        users.create(new UserDraft("151", "Other phone", "secret151", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    /** A session report as a phone sends it when the call ends: its own received stream under LocalMetrics. */
    static String report(String callId) {
        return String.join(
                "\r\n",
                "VQSessionReport: CallTerm",
                "CallID: " + callId,
                "LocalID: <sip:150@" + PbxTestContext.DOMAIN + ">",
                "RemoteID: <sip:151@" + PbxTestContext.DOMAIN + ">",
                "OrigID: <sip:150@" + PbxTestContext.DOMAIN + ">",
                "LocalAddr: IP=127.0.0.1 PORT=40000 SSRC=0x1A2B3C4D",
                "RemoteAddr: IP=127.0.0.1 PORT=40002 SSRC=0x5E6F7081",
                "LocalMetrics:",
                "Timestamps: START=2026-11-24T01:00:00Z STOP=2026-11-24T01:02:00Z",
                "SessionDesc: PT=0 PD=PCMU SR=8000 FD=20 PLC=3 SSUP=on",
                "JitterBuffer: JBA=3 JBR=2 JBN=40 JBM=80 JBX=120",
                "PacketLoss: NLR=1.5 JDR=0.5",
                "BurstGapLoss: BLD=0 BD=0 GLD=1.5 GD=120000 GMIN=16",
                "Delay: RTD=84 ESD=40 SOWD=42 IAJ=3 MAJ=9",
                "QualityEst: RLQ=88 RCQ=85 MOSLQ=4.1 MOSCQ=4.0 QoEEstAlg=P.564",
                "RemoteMetrics:",
                "PacketLoss: NLR=9.9 JDR=9.9",
                "QualityEst: MOSLQ=1.0 MOSCQ=1.0",
                "DialogID: " + callId + ";to-tag=b;from-tag=a",
                "");
    }

    @Test
    void aPhonesReportOfADirectCallIsKeptWithTheCallAndBadOnesAreRefusedWithTheReason() throws Exception {
        CallQuality quality = pbx.bean(CallQuality.class);
        CallRecords records = pbx.bean(CallRecords.class);
        String callId;
        try (TestRtpPeer aRtp = new TestRtpPeer();
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "150", "secret150").offer(aRtp.offer());
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "151", "secret151").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("151");
            SipText atB = b.request("INVITE");
            assertThat(atB.body()).as("direct media: B sees A's own RTP port").contains("m=audio " + aRtp.port() + " ");
            b.respond(atB, 200, "OK");
            a.answered(ab);
            b.request("ACK");
            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            callId = ab.callId;

            // the report is digest-authenticated like any request from a phone
            SipText challenged = a.publish(COLLECTOR, "vq-rtcpxr", "application/vq-rtcpxr", report(callId), false);
            assertThat(challenged.status()).isEqualTo(407);

            SipText accepted = a.publish(COLLECTOR, "vq-rtcpxr", "application/vq-rtcpxr", report(callId), true);
            assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
            assertThat(accepted.header("SIP-ETag"))
                    .as("RFC 3903 §6: the entity tag of the publication")
                    .isNotBlank();
            assertThat(accepted.header("Expires")).isNotBlank();

            // refused with the reason, nothing kept
            SipText wrongType = a.publish(COLLECTOR, "vq-rtcpxr", "text/plain", report(callId), true);
            assertThat(wrongType.status()).isEqualTo(415);
            assertThat(wrongType.header("Accept")).contains("application/vq-rtcpxr");
            SipText notAReport = a.publish(COLLECTOR, "vq-rtcpxr", "application/vq-rtcpxr", "hello: world\r\n", true);
            assertThat(notAReport.status()).isEqualTo(400);
            assertThat(notAReport.startLine()).contains("VQSessionReport");
            SipText badNumber = a.publish(
                    COLLECTOR,
                    "vq-rtcpxr",
                    "application/vq-rtcpxr",
                    report(callId).replace("NLR=1.5", "NLR=lots"),
                    true);
            assertThat(badNumber.status()).isEqualTo(400);
            assertThat(badNumber.startLine()).contains("PacketLoss NLR");
            SipText noCallId = a.publish(
                    COLLECTOR,
                    "vq-rtcpxr",
                    "application/vq-rtcpxr",
                    report(callId).replace("CallID: " + callId + "\r\n", ""),
                    true);
            assertThat(noCallId.status()).isEqualTo(400);
            SipText huge = a.publish(
                    COLLECTOR,
                    "vq-rtcpxr",
                    "application/vq-rtcpxr",
                    report(callId) + "X-Padding: " + "x".repeat(17_000) + "\r\n",
                    true);
            assertThat(huge.status()).isEqualTo(413);
        }

        List<QualityReport> reports = quality.reportsOf(callId);
        assertThat(reports).as("one report kept, none of the refused ones").hasSize(1);
        QualityReport r = reports.get(0);
        assertThat(r.reporter()).isEqualTo("150");
        assertThat(r.type()).isEqualTo("SESSION");
        assertThat(r.codec()).isEqualTo("PCMU");
        assertThat(r.lossPercent()).as("LocalMetrics, not RemoteMetrics").isEqualTo(1.5);
        assertThat(r.discardPercent()).isEqualTo(0.5);
        assertThat(r.jitterMillis()).isEqualTo(3);
        assertThat(r.roundTripMillis()).isEqualTo(84);
        assertThat(r.mosLq()).isEqualTo(4.1);
        assertThat(r.mosCq()).isEqualTo(4.0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> records.find(callId).map(c -> c.endedAt() != null).orElse(false));
        assertThat(records.find(callId).orElseThrow().media())
                .as("the relay saw nothing of it")
                .isNull();
        assertThat(quality.reportsOf("no-such-call@127.0.0.1")).isEmpty();
    }
}
