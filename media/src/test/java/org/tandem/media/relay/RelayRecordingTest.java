package org.tandem.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

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
        relay = new UdpRelay(
                RelayProperties.defaults(), new PortAllocator(InetAddress.getByName("127.0.0.1"), base, base + 19));
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

    /**
     * Issue 18: the caller dials *1 in RFC 4733 events; the relay reports the code on the call's executor, and the
     * callee receives none of its packets, while audio and other keys pass.
     */
    @Test
    void aKeyCodeIsReportedAndNotRelayed() throws Exception {
        RelayCall call = relay.open("rec-3", null, Runnable::run);
        alice.introduceTo(call.leg(Side.CALLER));
        bob.introduceTo(call.leg(Side.CALLEE));
        java.util.concurrent.LinkedBlockingQueue<Side> codes = new java.util.concurrent.LinkedBlockingQueue<>();
        call.watchKeys(Side.CALLER, "*1", java.util.Set.of(101), () -> codes.add(Side.CALLER));
        int port = call.leg(Side.CALLER).localRtpPort();
        byte[] audio = tone(0, 0, 0x1111, 440);
        Party.send(alice.rtp, audio, port);
        assertThat(Party.receive(bob.rtp).data()).isEqualTo(audio);
        for (byte[] p : key(10, 1, 160)) Party.send(alice.rtp, p, port);
        for (byte[] p : key(1, 9, 1600)) Party.send(alice.rtp, p, port);
        assertThat(codes.poll(3, TimeUnit.SECONDS)).isEqualTo(Side.CALLER);
        byte[] after = tone(0, 17, 0x1111, 440);
        Party.send(alice.rtp, after, port);
        assertThat(Party.receive(bob.rtp).data())
                .as("the next packet after the code is audio")
                .isEqualTo(after);
        for (byte[] p : key(5, 18, 3200)) Party.send(alice.rtp, p, port);
        assertThat(Party.receive(bob.rtp).data()[12]).as("another key passes").isEqualTo((byte) 5);
        call.close();
    }

    /**
     * Issue 18: an announcement (600 Hz, 0.4 s) is mixed into what both parties receive, keeping each stream's headers,
     * and stops at its end; the recording holds the parties' own audio only.
     */
    @Test
    void anAnnouncementIsMixedIntoWhatBothPartiesReceiveButNotRecorded() throws Exception {
        RelayCall call = relay.open("rec-4", null, Runnable::run);
        RelayLeg caller = call.leg(Side.CALLER);
        RelayLeg callee = call.leg(Side.CALLEE);
        alice.introduceTo(caller);
        bob.introduceTo(callee);
        Path target = dir.resolve("rec-4.wav");
        CallRecording recording = call.record(target);
        short[] prompt = new short[3200];
        for (int i = 0; i < prompt.length; i++) prompt[i] = (short) (6000 * Math.sin(2 * Math.PI * 600 * i / 8000));
        call.announce(prompt);
        short[] atBob = new short[40 * 160];
        short[] atAlice = new short[40 * 160];
        for (int i = 0; i < 40; i++) { // 20 packets with the announcement, 20 after it
            byte[] a = tone(0, i, 0x1111, 440);
            Party.send(alice.rtp, a, caller.localRtpPort());
            byte[] got = Party.receive(bob.rtp).data();
            assertThat(java.util.Arrays.copyOf(got, 12))
                    .as("the header as sent")
                    .isEqualTo(java.util.Arrays.copyOf(a, 12));
            for (int k = 0; k < 160; k++) atBob[i * 160 + k] = G711.ulawDecode(got[12 + k]);
            Party.send(bob.rtp, tone(8, i, 0x2222, 1000), callee.localRtpPort());
            byte[] back = Party.receive(alice.rtp).data();
            for (int k = 0; k < 160; k++) atAlice[i * 160 + k] = G711.alawDecode(back[12 + k]);
        }
        short[] bobDuring = java.util.Arrays.copyOfRange(atBob, 0, 3200);
        short[] bobAfter = java.util.Arrays.copyOfRange(atBob, 3200, 6400);
        assertThat(Spectrum.amplitude(bobDuring, 600))
                .as("the announcement at the callee")
                .isGreaterThan(3000);
        assertThat(Spectrum.amplitude(bobDuring, 440))
                .as("and the caller under it")
                .isGreaterThan(3000);
        assertThat(Spectrum.amplitude(bobAfter, 600)).as("after its end").isLessThan(100);
        assertThat(Spectrum.amplitude(java.util.Arrays.copyOfRange(atAlice, 0, 3200), 600))
                .as("the announcement at the caller")
                .isGreaterThan(3000);
        recording.stop().get(5, TimeUnit.SECONDS);
        short[][] channels = org.tandem.media.testsupport.StereoWav.channels(Files.readAllBytes(target));
        assertThat(Spectrum.amplitude(channels[0], 600))
                .as("the announcement in the recording")
                .isLessThan(100);
        assertThat(Spectrum.amplitude(channels[1], 600)).isLessThan(100);
        call.close();
    }

    /** The 8 packets of one RFC 4733 event: 5 of growing duration, then the end bit three times (§2.5). */
    private static java.util.List<byte[]> key(int event, int firstSequence, int timestamp) {
        java.util.List<byte[]> packets = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            ByteBuffer b = ByteBuffer.allocate(16);
            b.put((byte) 0x80)
                    .put((byte) ((i == 1 ? 0x80 : 0) | 101))
                    .putShort((short) (firstSequence + i - 1))
                    .putInt(timestamp)
                    .putInt(0x1111);
            b.put((byte) event).put((byte) ((i > 5 ? 0x80 : 0) | 10)).putShort((short) (Math.min(i, 6) * 160));
            packets.add(b.array());
        }
        return packets;
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
