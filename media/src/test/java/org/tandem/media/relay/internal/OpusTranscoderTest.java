package org.tandem.media.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.internal.AudioCodec;
import org.tandem.media.internal.FrameCodec;
import org.tandem.media.internal.RtpPacket;
import org.tandem.media.relay.Side;
import org.tandem.media.relay.Transcoding;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;

/**
 * Opus ↔ G.711 packet by packet (issue 16): a tone survives both ways (checked by frequency with an independent Opus
 * coder), headers are rebuilt in the other clock with the SSRC kept, a phone's 30 ms packets become 20 ms Opus frames,
 * losses stay visible, telephone-events move to the other clock, comfort noise is not carried.
 */
class OpusTranscoderTest {

    private static final int OPUS = 111;
    private static final int OPUS_EVENT = 110;
    private static final int PCMU_EVENT = 101;
    private static final long SSRC = 0x1234_5678L;

    private OpusTranscoder coder;
    private FrameCodec browser; // the browser's own Opus: encodes what it sends, decodes what it gets
    private final List<RtpPacket> out = new ArrayList<>();

    @BeforeEach
    void start() {
        assertThat(AudioCodec.opusAvailable())
                .as("libjitsi's native Opus loads here")
                .isTrue();
        coder = new OpusTranscoder(new Transcoding(Side.CALLER, OPUS, OPUS_EVENT, 0, PCMU_EVENT));
        browser = AudioCodec.OPUS.newFrameCodec();
    }

    @AfterEach
    void stop() {
        coder.close();
        browser.close();
    }

    @Test
    void aPhonesPcmuToneReachesTheBrowserAsOpusIn20msFrames() {
        short[] tone = Tones.sine(1000, Duration.ofMillis(600), 8000);
        for (int i = 0; i < 30; i++) {
            byte[] payload = new byte[160];
            AudioCodec.PCMU.encode(Arrays.copyOfRange(tone, i * 160, i * 160 + 160), 160, payload, 0);
            phoneSends(RtpPacket.build(0, i == 0, 7000 + i, 80_000 + 160L * i, SSRC, payload, 160));
        }
        assertThat(out).hasSize(30);
        for (int i = 0; i < out.size(); i++) {
            RtpPacket p = out.get(i);
            assertThat(p.payloadType()).isEqualTo(OPUS);
            assertThat(p.ssrc()).isEqualTo(SSRC);
            assertThat(p.sequenceNumber()).isEqualTo(7000 + i);
            assertThat(p.timestamp()).isEqualTo(480_000 + 960L * i); // RFC 7587 §4.1: 48 kHz clock
            assertThat(p.marker()).isEqualTo(i == 0);
        }
        short[] heard = decodeOpus(out);
        // past the codec's start-up: the tone, not another frequency
        assertThat(Spectrum.amplitude(heard, 1600, 2400, 1000)).isGreaterThan(2000);
        assertThat(Spectrum.amplitude(heard, 1600, 2400, 600)).isLessThan(400);
    }

    @Test
    void thirtyMillisecondPacketsAreRepacketisedAndAGapRestartsTheFrame() {
        for (int i = 0; i < 10; i++) {
            phoneSends(RtpPacket.build(0, false, 100 + i, 240L * i, SSRC, silence(240), 240));
        }
        assertThat(out).hasSize(15); // 300 ms in 20 ms frames
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).timestamp() - out.get(i - 1).timestamp()).isEqualTo(960);
            assertThat((out.get(i).sequenceNumber() - out.get(i - 1).sequenceNumber()) & 0xffff)
                    .isEqualTo(1);
        }
        out.clear();
        // one 30 ms packet lost: the half frame waiting is dropped, the next frame starts at the new packet, marked
        phoneSends(RtpPacket.build(0, false, 111, 240L * 11, SSRC, silence(240), 240));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).marker()).isTrue();
        assertThat(out.get(0).timestamp()).isEqualTo(240L * 11 * 6);
    }

    @Test
    void theBrowsersOpusReachesThePhoneAsPcmuAndLossesStayVisible() {
        short[] tone = Tones.sine(800, Duration.ofMillis(600), 8000);
        byte[] encoded = new byte[1500];
        for (int i = 0; i < 30; i++) {
            int n = browser.encode(Arrays.copyOfRange(tone, i * 160, i * 160 + 160), 160, encoded);
            if (i == 12) continue; // lost on the way
            browserSends(RtpPacket.build(OPUS, false, 50 + i, 960_000L + 960L * i, SSRC, encoded, n));
        }
        assertThat(out).hasSize(29);
        short[] heard = new short[29 * 160];
        for (int i = 0; i < out.size(); i++) {
            RtpPacket p = out.get(i);
            int sent = i < 12 ? i : i + 1;
            assertThat(p.payloadType()).isZero();
            assertThat(p.payloadLength()).isEqualTo(160);
            assertThat(p.sequenceNumber()).isEqualTo(50 + sent); // the gap of the lost packet is kept
            assertThat(p.timestamp()).isEqualTo(160_000L + 160L * sent);
            System.arraycopy(AudioCodec.PCMU.decode(p.buffer(), p.payloadOffset(), 160), 0, heard, i * 160, 160);
        }
        assertThat(Spectrum.amplitude(heard, 1600, 1600, 800)).isGreaterThan(2000);
        assertThat(Spectrum.amplitude(heard, 1600, 1600, 1200)).isLessThan(400);
    }

    @Test
    void telephoneEventsMoveToTheOtherClockAndComfortNoiseStaysBehind() {
        // RFC 4733 §2.3: event 5, end bit, volume 10, duration 1920 at 48 kHz (40 ms)
        byte[] event = {5, (byte) 0x8a, (byte) (1920 >> 8), (byte) 1920};
        browserSends(RtpPacket.build(OPUS_EVENT, true, 9, 96_000, SSRC, event, 4));
        assertThat(out).hasSize(1);
        RtpPacket p = out.get(0);
        assertThat(p.payloadType()).isEqualTo(PCMU_EVENT);
        assertThat(p.timestamp()).isEqualTo(16_000);
        assertThat(p.marker()).isTrue();
        byte[] payload = Arrays.copyOfRange(p.buffer(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
        assertThat(payload).containsExactly(5, (byte) 0x8a, (byte) (320 >> 8), (byte) 320);

        out.clear();
        byte[] phoneEvent = {9, 0x0a, 0, (byte) 160};
        phoneSends(RtpPacket.build(PCMU_EVENT, true, 3, 8000, SSRC, phoneEvent, 4));
        phoneSends(RtpPacket.build(13, false, 4, 8160, SSRC, new byte[] {40}, 1)); // RFC 3389 CN
        assertThat(out).hasSize(1);
        assertThat(out.get(0).payloadType()).isEqualTo(OPUS_EVENT);
        assertThat(out.get(0).timestamp()).isEqualTo(48_000);
        assertThat(out.get(0).buffer()[out.get(0).payloadOffset() + 3] & 0xff).isEqualTo(960 & 0xff);
    }

    @Test
    void theRecordingGetsG711FromBothWays() {
        byte[] encoded = new byte[1500];
        int n = browser.encode(new short[160], 160, encoded);
        ByteBuffer fromBrowser = coder.convert(
                Side.CALLER, ByteBuffer.wrap(RtpPacket.build(OPUS, false, 1, 960, SSRC, encoded, n)), this::collect);
        assertThat(RtpPacket.parse(fromBrowser.array(), 0, fromBrowser.remaining())
                        .payloadType())
                .isZero();
        ByteBuffer fromPhone = coder.convert(
                Side.CALLEE,
                ByteBuffer.wrap(RtpPacket.build(0, false, 1, 160, SSRC, silence(160), 160)),
                this::collect);
        assertThat(RtpPacket.parse(fromPhone.array(), 0, fromPhone.remaining()).payloadType())
                .isZero();
    }

    private void phoneSends(byte[] rtp) {
        coder.convert(Side.CALLEE, ByteBuffer.wrap(rtp), this::collect);
    }

    private void browserSends(byte[] rtp) {
        coder.convert(Side.CALLER, ByteBuffer.wrap(rtp), this::collect);
    }

    private void collect(ByteBuffer rtp) {
        byte[] copy = new byte[rtp.remaining()];
        rtp.get(rtp.position(), copy);
        out.add(RtpPacket.parse(copy, 0, copy.length));
    }

    private short[] decodeOpus(List<RtpPacket> packets) {
        short[] all = new short[packets.size() * 160];
        int at = 0;
        for (RtpPacket p : packets) {
            short[] pcm = browser.decode(p.buffer(), p.payloadOffset(), p.payloadLength());
            System.arraycopy(pcm, 0, all, at, Math.min(pcm.length, all.length - at));
            at += pcm.length;
        }
        return all;
    }

    private static byte[] silence(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xff); // μ-law silence
        return b;
    }
}
