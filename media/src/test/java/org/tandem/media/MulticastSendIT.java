package org.tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.tandem.media.internal.G711;
import org.tandem.media.internal.JitsiMediaEngine;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;

/**
 * {@link MediaEngine#multicast}: what the session plays arrives at a member of the group (joined on the loopback
 * interface, the one the session is told to send by) as RTP, PCMU in 20 ms packets, carrying the tone; and it never
 * times out although nothing comes back.
 */
class MulticastSendIT {

    private static final Executor DIRECT = Runnable::run;

    @Test
    void aTonePlayedToTheGroupArrivesAtAMemberAsPcmuIn20MsPackets() throws Exception {
        int base = 26000 + 2 * (int) (Math.random() * 3000);
        InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("239.255.18.21"), base + 400);
        NetworkInterface loopback = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        try (JitsiMediaEngine engine =
                        new JitsiMediaEngine(MediaProperties.loopback(base, base + 7, Duration.ofMillis(1500)));
                MulticastSocket member = new MulticastSocket(null)) {
            member.setReuseAddress(true);
            member.bind(group);
            member.joinGroup(group, loopback);
            member.setSoTimeout(3000);

            MediaSession stream = engine.multicast(group, loopback, DIRECT);
            stream.play(Tones.sine(1000, Duration.ofSeconds(3)));

            short[] heard = new short[8000];
            int samples = 0;
            int packets = 0;
            byte[] buffer = new byte[1500];
            while (samples + 160 <= heard.length) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                member.receive(p);
                if (p.getLength() < 12 || (buffer[1] & 0x7F) != 0) continue; // RTCP: not audio
                int header = 12 + 4 * (buffer[0] & 0x0F);
                assertThat(p.getLength() - header).as("20 ms of 8 kHz G.711").isEqualTo(160);
                for (int i = header; i < p.getLength(); i++) heard[samples++] = G711.ulawDecode(buffer[i]);
                packets++;
            }
            assertThat(packets).isEqualTo(50);
            assertThat(Spectrum.amplitude(heard, 1000)).as("the tone").isGreaterThan(2000);
            assertThat(Spectrum.amplitude(heard, 440)).as("no other tone").isLessThan(200);

            // longer than the RTP timeout: a send-only session does not time out
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !stream.isClosed());
            assertThat(stream.isClosed()).isFalse();
            stream.close();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing arrived on the group", e);
        }
    }

    @Test
    void onlyAnIpv4MulticastGroupIsTaken() throws Exception {
        int base = 29500 + 2 * (int) (Math.random() * 100);
        try (JitsiMediaEngine engine =
                new JitsiMediaEngine(MediaProperties.loopback(base, base + 3, Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> engine.multicast(
                            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5000), null, DIRECT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("multicast");
            assertThat(engine.portsInUse()).isZero();
        }
    }
}
