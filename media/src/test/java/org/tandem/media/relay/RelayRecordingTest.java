package org.tandem.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.internal.G711;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.internal.UdpRelay;
import org.tandem.media.testsupport.Spectrum;

/**
 * A recorded relayed call over real loopback sockets: the caller sends 440 Hz (PCMU), the callee 1000 Hz (PCMA);
 * forwarding goes on unchanged and the WAV holds the caller's tone on the left, the callee's on the right.
 */
class RelayRecordingTest {

    @TempDir
    Path dir;
    private UdpRelay relay;
    private Party alice;
    private Party bob;

    @BeforeEach
    void start() throws Exception {
        int base = 20000 + 2 * (int) (Math.random() * 4000);
        relay = new UdpRelay(RelayProperties.defaults(), new PortAllocator(InetAddress.getByName("127.0.0.1"), base, base + 19));
        alice = new Party("127.0.0.1");
        bob = new Party("127.0.0.1");
    }

    @AfterEach
    void stop() {
        relay.close();
        alice.close();
        bob.close();
    }

    @Test
    void theWavHoldsTheCallerOnTheLeftAndTheCalleeOnTheRight() throws Exception {
        RelayCall call = relay.open("rec-1", null, Runnable::run);
        RelayLeg caller = call.leg(Side.CALLER);
        RelayLeg callee = call.leg(Side.CALLEE);
        alice.introduceTo(caller);
        bob.introduceTo(callee);
        Path target = dir.resolve("rec-1.wav");
        CallRecording recording = call.record(target);
        assertThat(call.recording()).isSameAs(recording);

        for (int i = 0; i < 50; i++) { // 1 s each way, 20 ms packets at real-time pace
            byte[] a = tone(0, i, 0x1111, 440);
            Party.send(alice.rtp, a, caller.localRtpPort());
            assertThat(Party.receive(bob.rtp).data()).isEqualTo(a); // forwarding unchanged by the tap
            byte[] b = tone(8, i, 0x2222, 1000);
            Party.send(bob.rtp, b, callee.localRtpPort());
            assertThat(Party.receive(alice.rtp).data()).isEqualTo(b);
            Thread.sleep(20);
        }
        RecordedAudio audio = recording.stop().get(5, TimeUnit.SECONDS);
        assertThat(call.recording()).isNull();

        assertThat(audio.file()).isEqualTo(target);
        assertThat(audio.packetsDropped()).isZero();
        assertThat(audio.seconds()).isBetween(0.9, 2.0);
        short[][] channels = org.tandem.media.testsupport.StereoWav.channels(Files.readAllBytes(target));
        assertThat(Spectrum.amplitude(channels[0], 440)).isGreaterThan(3000);
        assertThat(Spectrum.amplitude(channels[0], 1000)).isLessThan(100);
        assertThat(Spectrum.amplitude(channels[1], 1000)).isGreaterThan(3000);
        assertThat(Spectrum.amplitude(channels[1], 440)).isLessThan(100);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(target); // no .part left beside it
        }
    }

    @Test
    void closingARecordedCallFinishesItsFileAndARecordingCanStartAgainAfterAStop() throws Exception {
        RelayCall call = relay.open("rec-2", null, Runnable::run);
        alice.introduceTo(call.leg(Side.CALLER));
        bob.introduceTo(call.leg(Side.CALLEE));
        CallRecording first = call.record(dir.resolve("first.wav"));
        first.stop().get(5, TimeUnit.SECONDS);
        CallRecording second = call.record(dir.resolve("second.wav"));
        Party.send(alice.rtp, tone(0, 0, 0x1111, 440), call.leg(Side.CALLER).localRtpPort());
        Party.receive(bob.rtp);
        call.close();
        RecordedAudio audio = second.stop().get(5, TimeUnit.SECONDS);
        assertThat(audio.frames()).isGreaterThanOrEqualTo(160);
        assertThat(dir.resolve("first.wav")).exists();
    }

    /** 20 ms of a tone at amplitude 8000 as G.711 (payload type 0 PCMU or 8 PCMA), packet {@code n} of its stream. */
    private static byte[] tone(int pt, int n, int ssrc, double hz) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) pt).putShort((short) n).putInt(n * 160).putInt(ssrc);
        for (int i = 0; i < 160; i++) {
            int s = (int) (8000 * Math.sin(2 * Math.PI * hz * (n * 160 + i) / 8000));
            b.put(pt == 0 ? G711.linearToUlaw(s) : G711.linearToAlaw(s));
        }
        return b.array();
    }

}
