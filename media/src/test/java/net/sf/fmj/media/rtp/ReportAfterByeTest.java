package net.sf.fmj.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import javax.media.rtp.rtcp.SourceDescription;
import net.sf.fmj.media.rtp.util.UDPPacketSender;
import org.junit.jupiter.api.Test;
import org.tandem.media.internal.jmf.ClosingSafeRtcpTransmitter;

/**
 * The order SessionLifecycleIT's 200 sessions produced about once in six runs: the RTCP reporter thread passes its
 * "closed" check, the session's close sends the BYE (clearing the transmitter's SSRC), then the report runs. FMJ's
 * transmitter dies of a NullPointerException there; {@link ClosingSafeRtcpTransmitter} sends nothing after the BYE
 * (RFC 3550 section 6.3.7). In FMJ's package: its SSRC cache is package-private.
 */
class ReportAfterByeTest {

    private static final int SSRC = 0x1234;

    @Test
    void upstreamDiesOnAReportAfterItsBye() throws Exception {
        try (DatagramSocket far = farEnd()) {
            RTCPTransmitter upstream = transmitterTo(far, new DefaultRTCPTransmitterFactory());
            upstream.bye("session closed");
            assertThatThrownBy(upstream::report)
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("ourinfo");
            upstream.close();
        }
    }

    @Test
    void aReportBeforeTheByeIsSentAndOneAfterItIsNot() throws Exception {
        try (DatagramSocket far = farEnd()) {
            RTCPTransmitter transmitter = transmitterTo(far, ClosingSafeRtcpTransmitter.FACTORY);
            transmitter.report();
            byte[] report = receive(far);
            assertThat(report)
                    .as("an RTCP receiver report (PT 201) from our SSRC")
                    .isNotNull();
            assertThat(report[1] & 0xff).isEqualTo(201);
            assertThat(((report[4] & 0xff) << 24
                            | (report[5] & 0xff) << 16
                            | (report[6] & 0xff) << 8
                            | report[7] & 0xff))
                    .isEqualTo(SSRC);

            transmitter.bye("session closed");
            byte[] bye = receive(far);
            assertThat(bye)
                    .as("the BYE is sent (an RR first, then BYE, PT 203)")
                    .isNotNull();
            assertThat(containsPacketType(bye, 203)).isTrue();

            transmitter.report(); // the reporter thread's late turn: no exception, nothing sent
            assertThat(receive(far)).as("no RTCP after the BYE").isNull();
            assertThat(transmitter.getSSRCInfo()).isNull();
            transmitter.close();
        }
    }

    /** FMJ sends RTCP to the odd port of the pair (its destination port is {@code port | 1}). */
    private static DatagramSocket farEnd() throws Exception {
        for (int attempt = 0; ; attempt++) {
            DatagramSocket far = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            if (far.getLocalPort() % 2 == 1 || attempt == 50) {
                far.setSoTimeout(1000);
                return far;
            }
            far.close();
        }
    }

    private static RTCPTransmitter transmitterTo(DatagramSocket far, RTCPTransmitterFactory factory) throws Exception {
        SSRCCache cache = new SSRCCache(new RTPSessionMgr());
        cache.ourssrc = cache.get(SSRC, null, 0, 2);
        cache.ourssrc.setSourceDescription(new SourceDescription[] {
            new SourceDescription(SourceDescription.SOURCE_DESC_CNAME, "test@127.0.0.1", 1, false)
        });
        cache.ourssrc.setOurs(true);
        UDPPacketSender socket = new UDPPacketSender(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
        RTCPTransmitter transmitter =
                factory.newRTCPTransmitter(cache, new RTCPRawSender(far.getLocalPort(), "127.0.0.1", socket));
        transmitter.setSSRCInfo(cache.ourssrc);
        return transmitter;
    }

    private static byte[] receive(DatagramSocket far) throws Exception {
        byte[] buffer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            far.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return java.util.Arrays.copyOf(buffer, packet.getLength());
    }

    /** RFC 3550 section 6.1: walks the compound packet's length fields. */
    private static boolean containsPacketType(byte[] compound, int type) {
        for (int at = 0; at + 4 <= compound.length; ) {
            if ((compound[at + 1] & 0xff) == type) return true;
            at += 4 * (((compound[at + 2] & 0xff) << 8 | compound[at + 3] & 0xff) + 1);
        }
        return false;
    }
}
