package org.tandem.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.RecordOptions;
import org.tandem.media.Recording.StopReason;
import org.tandem.media.testsupport.Pcap;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;

/** The pipeline nodes replayed from captured packets and generated audio, without any network. */
class NodesTest {

    // Digit '5' as a Yealink sends it (captured, RTP headers with PT 101): three start reports (marker on
    // the first), updates, three end reports; then '5' again as a new event (new timestamp).
    private static final String[] CAPTURE = {
        "80e5 0001 0000a000 11223344 05 0a 0000",
        "8065 0002 0000a000 11223344 05 0a 0000",
        "8065 0003 0000a000 11223344 05 0a 0000",
        "8065 0004 0000a000 11223344 05 0a 00a0",
        "8065 0005 0000a000 11223344 05 0a 0140",
        "8065 0006 0000a000 11223344 05 8a 0320",
        "8065 0007 0000a000 11223344 05 8a 0320",
        "8065 0008 0000a000 11223344 05 8a 0320",
        "80e5 0009 0000a640 11223344 05 0a 0000",
        "8065 000a 0000a640 11223344 05 8a 0320",
    };

    private static RtpPacket packet(String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        return RtpPacket.parse(b, 0, b.length);
    }

    @Test
    void dtmfOneDigitPerEventDespiteRetransmittedStartAndEndReports() {
        List<Character> digits = new ArrayList<>();
        DtmfDetector detector = new DtmfDetector(digits::add);
        for (String p : CAPTURE) detector.accept(packet(p));
        assertThat(digits).containsExactly('5', '5');
    }

    @Test
    void dtmfLostStartStillYieldsTheDigitAndReorderedRepeatsDoNotDouble() {
        List<Character> digits = new ArrayList<>();
        DtmfDetector detector = new DtmfDetector(digits::add);
        detector.accept(packet("8065 0005 0000b000 11223344 0b 8a 0320")); // only an end report of '#'
        detector.accept(packet("8065 0006 0000b000 11223344 0b 8a 0320"));
        detector.accept(packet("80e5 0007 0000b400 11223344 0a 0a 0000")); // '*'
        detector.accept(packet("8065 0008 0000b400 11223344 0a 0a 00a0"));
        detector.accept(packet("80e5 0009 0000b800 11223344 10 0a 0000")); // event 16 (flash): not DTMF
        detector.accept(packet("80e5 000a 0000bc00 11223344 0f 0a 0000")); // event 15: D
        assertThat(digits).containsExactly('#', '*', 'D');
    }

    @Test
    void sippsCapturedDigitsEachGiveExactlyOneDigit() throws Exception {
        String names = "0123456789";
        for (int i = 0; i <= 11; i++) {
            String name = i < 10 ? String.valueOf(i) : i == 10 ? "pound" : "star";
            char expected = i < 10 ? names.charAt(i) : i == 10 ? '#' : '*';
            List<Character> digits = new ArrayList<>();
            DtmfDetector detector = new DtmfDetector(digits::add);
            for (Pcap.Datagram d : Pcap.udp(Pcap.sippCapture("dtmf_2833_" + name + ".pcap"))) {
                detector.accept(RtpPacket.parse(d.payload(), 0, d.payload().length));
            }
            assertThat(digits).as(name).containsExactly(expected);
        }
    }

    @Test
    void sippsCapturedG711aIs236PacketsOf30Ms() throws Exception {
        int packets = 0;
        int samples = 0;
        for (Pcap.Datagram d : Pcap.udp(Pcap.sippCapture("g711a.pcap"))) {
            RtpPacket p = RtpPacket.parse(d.payload(), 0, d.payload().length);
            assertThat(p.payloadType()).isEqualTo(8);
            samples += AudioCodec.PCMA.decode(p.buffer(), p.payloadOffset(), p.payloadLength()).length;
            packets++;
        }
        assertThat(packets).isEqualTo(236);
        assertThat(samples).isEqualTo(packets * 240); // 30 ms packets: 7.08 s of audio
    }

    @Test
    void rtpParserHandlesCsrcExtensionAndPadding() {
        // V=2 P=1 X=1 CC=1, PT 0; one CSRC; extension of one word; 2 payload bytes; 2 padding bytes
        RtpPacket p = packet("b1 00 0102 00000010 0000abcd 00000001 bede 0001 00000000 7f7f 0002");
        assertThat(p.payloadType()).isZero();
        assertThat(p.sequenceNumber()).isEqualTo(0x0102);
        assertThat(p.ssrc()).isEqualTo(0xabcd);
        assertThat(p.payloadLength()).isEqualTo(2);
        assertThat(p.buffer()[p.payloadOffset()]).isEqualTo((byte) 0x7f);
        assertThat(RtpPacket.parse(new byte[] {0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 12))
                .isNull(); // version 1
        assertThat(RtpPacket.parse(new byte[5], 0, 5)).isNull();
    }

    @Test
    void playerHandsOutTheFileFrameByFramePaddingTheLastOne() {
        short[] tone = Tones.sine(1000, Duration.ofMillis(50)); // 400 samples: 2.5 frames
        PlayerNode player = new PlayerNode(tone);
        short[] frame = new short[160];
        short[] played = new short[480];
        int frames = 0;
        while (player.read(frame, 160)) System.arraycopy(frame, 0, played, 160 * frames++, 160);
        assertThat(frames).isEqualTo(3);
        assertThat(player.finished()).isTrue();
        for (int i = 0; i < 400; i++) assertThat(played[i]).isEqualTo(tone[i]);
        for (int i = 400; i < 480; i++) assertThat(played[i]).isZero();
    }

    @Test
    void recorderStopsAtMaxLength() {
        RecorderNode r = new RecorderNode(new RecordOptions(Duration.ofMillis(100), null, "#"));
        short[] frame = Tones.sine(440, Duration.ofMillis(30));
        StopReason reason = null;
        int frames = 0;
        while (reason == null) {
            reason = r.append(frame, frame.length);
            frames++;
        }
        assertThat(reason).isEqualTo(StopReason.MAX_LENGTH);
        assertThat(frames).isEqualTo(4);
        assertThat(r.count()).isEqualTo(800); // exactly 100 ms, the last frame cut
        assertThat(r.stopsOn('#')).isTrue();
        assertThat(r.stopsOn('1')).isFalse();
    }

    @Test
    void recorderStopsOnSilenceOnlyAfterSound() {
        RecorderNode r = new RecorderNode(new RecordOptions(Duration.ofSeconds(60), Duration.ofMillis(200), ""));
        short[] silence = new short[160];
        for (int i = 0; i < 50; i++) assertThat(r.append(silence, 160)).isNull(); // 1 s of leading silence
        short[] tone = Tones.sine(440, Duration.ofMillis(20));
        for (int i = 0; i < 10; i++) assertThat(r.append(tone, 160)).isNull();
        for (int i = 0; i < 9; i++) assertThat(r.append(silence, 160)).isNull();
        assertThat(r.append(silence, 160)).isEqualTo(StopReason.SILENCE);
        assertThat(r.count()).isEqualTo(160 * 70);
    }

    @Test
    void mixGivesEachTheOthersAndNotThemselves() {
        int n = 800;
        short[] a = Tones.sine(440, Duration.ofMillis(100), 5000);
        short[] b = Tones.sine(880, Duration.ofMillis(100), 5000);
        short[] c = Tones.sine(1320, Duration.ofMillis(100), 5000);
        short[][] out = new short[3][n];
        AudioMix.mix(new short[][] {a, b, c}, new boolean[3], out, n);
        assertHears(out[0], false, true, true);
        assertHears(out[1], true, false, true);
        assertHears(out[2], true, true, false);

        AudioMix.mix(new short[][] {a, b, null}, new boolean[] {false, true, false}, out, n); // b muted, c silent
        assertHears(out[0], false, false, false);
        assertHears(out[1], true, false, false);
        assertHears(out[2], true, false, false);
    }

    @Test
    void mixClipsInsteadOfWrappingAround() {
        short[] loud = new short[] {30000, -30000};
        short[][] out = new short[3][2];
        AudioMix.mix(new short[][] {loud, loud, loud}, new boolean[3], out, 2);
        assertThat(out[0]).containsExactly(Short.MAX_VALUE, Short.MIN_VALUE);
    }

    private static void assertHears(short[] pcm, boolean f440, boolean f880, boolean f1320) {
        check(pcm, 440, f440);
        check(pcm, 880, f880);
        check(pcm, 1320, f1320);
    }

    private static void check(short[] pcm, double hz, boolean present) {
        double a = Spectrum.amplitude(pcm, hz);
        if (present) assertThat(a).as("%s Hz", hz).isGreaterThan(4000);
        else assertThat(a).as("%s Hz", hz).isLessThan(100);
    }

    @Test
    void sampleQueueWaitsForItsPrebufferAndDropsTheOldestOnOverflow() {
        SampleQueue q = new SampleQueue(4, 2);
        short[] out = new short[2];
        q.offer(new short[] {1}, 1);
        assertThat(q.poll(out, 1)).isFalse(); // below the prebuffer
        q.offer(new short[] {2, 3, 4, 5, 6}, 5); // capacity 4: 1 and 2 dropped
        assertThat(q.poll(out, 2)).isTrue();
        assertThat(out).containsExactly(3, 4);
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void theRoomRecordingSumsEveryoneWhoIsNotMutedAndClips() {
        short[][] in = {{1000, 30000}, {2000, 30000}, {4000, 7}, null};
        boolean[] muted = {false, false, true, false};
        short[] all = AudioMix.sum(in, muted, 2);
        org.assertj.core.api.Assertions.assertThat(all[0]).isEqualTo((short) 3000);
        org.assertj.core.api.Assertions.assertThat(all[1]).isEqualTo(Short.MAX_VALUE);
    }
}
