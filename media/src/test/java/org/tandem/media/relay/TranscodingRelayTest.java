package org.tandem.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.internal.AudioCodec;
import org.tandem.media.internal.FrameCodec;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.internal.RtpPacket;
import org.tandem.media.relay.internal.UdpRelay;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;

/**
 * A relayed call with Opus on one face and PCMU on the other (issue 16), over real loopback sockets: the browser's
 * 1000 Hz reaches the phone as PCMU, the phone's 440 Hz reaches the browser as Opus, both checked by frequency; RTCP
 * is not passed across; the recording holds both tones; turning the transcoding off relays packets unchanged again.
 */
class TranscodingRelayTest {

    @TempDir
    Path dir;

    private UdpRelay relay;
    private Party browser;
    private Party phone;
    private FrameCodec browserOpus;

    @BeforeEach
    void start() throws Exception {
        int base = 24000 + 2 * (int) (Math.random() * 3000);
        relay = new UdpRelay(
                RelayProperties.defaults(), new PortAllocator(InetAddress.getByName("127.0.0.1"), base, base + 19));
        browser = new Party("127.0.0.1");
        phone = new Party("127.0.0.1");
        browserOpus = AudioCodec.OPUS.newFrameCodec();
    }

    @AfterEach
    void stop() {
        relay.close();
        browser.close();
        phone.close();
        browserOpus.close();
    }

    @Test
    void opusAndPcmuTalkThroughTheRelayAndTheRecordingHoldsBoth() throws Exception {
        RelayCall call = relay.open("tc-1", null, Runnable::run);
        assertThat(call.canTranscode()).isTrue();
        RelayLeg browserFace = call.leg(Side.CALLER);
        RelayLeg phoneFace = call.leg(Side.CALLEE);
        browserFace.expect(browser.rtpAddress(), browser.rtcpAddress(), false, browser.ip(), 48000);
        phone.introduceTo(phoneFace);
        call.transcode(new Transcoding(Side.CALLER, 111, 110, 0, 101));
        Path target = dir.resolve("tc-1.wav");
        CallRecording recording = call.record(target);

        short[] browserTone = Tones.sine(1000, java.time.Duration.ofSeconds(1), 8000);
        short[] phoneTone = Tones.sine(440, java.time.Duration.ofSeconds(1), 8000);
        short[] phoneHeard = new short[50 * 160];
        short[] browserHeard = new short[50 * 160];
        for (int i = 0; i < 50; i++) {
            exchange(i, browserFace, phoneFace, browserTone, phoneTone, phoneHeard, browserHeard);
        }
        assertThat(Spectrum.amplitude(phoneHeard, 1600, 4800, 1000))
                .as("the phone hears the browser")
                .isGreaterThan(2000);
        assertThat(Spectrum.amplitude(phoneHeard, 1600, 4800, 440)).isLessThan(300);
        assertThat(Spectrum.amplitude(browserHeard, 1600, 4800, 440))
                .as("the browser hears the phone")
                .isGreaterThan(2000);
        assertThat(Spectrum.amplitude(browserHeard, 1600, 4800, 1000)).isLessThan(300);

        // RFC 3550 §7.2: the phone's receiver report describes PCMU, not the Opus the browser gets: not passed on
        Party.send(phone.rtcp, Party.receiverReport(0xf0, 0, 5), phoneFace.localRtpPort() + 1);
        browser.rtcp.setSoTimeout(300);
        assertThatThrownBy(() -> browser.rtcp.receive(new java.net.DatagramPacket(new byte[2048], 2048)))
                .isInstanceOf(SocketTimeoutException.class);

        RecordedAudio audio = recording.stop().get(5, TimeUnit.SECONDS);
        short[][] channels = org.tandem.media.testsupport.StereoWav.channels(Files.readAllBytes(audio.file()));
        assertThat(Spectrum.amplitude(channels[0], 1000))
                .as("the browser, left")
                .isGreaterThan(2000);
        assertThat(Spectrum.amplitude(channels[1], 440)).as("the phone, right").isGreaterThan(2000);

        call.transcode(null);
        assertThat(call.transcoding()).isNull();
        byte[] plain = Party.rtp(77, 160 * 77, 0xf0);
        Party.send(phone.rtp, plain, phoneFace.localRtpPort());
        assertThat(Party.receive(browser.rtp).data())
                .as("relayed unchanged again")
                .isEqualTo(plain);
    }

    /**
     * Issue 18: "this call is being recorded" reaches the browser too. The relay mixes an announcement into G.711
     * only, so towards the browser it goes into the phone's G.711 before that is encoded to Opus; both parties hear
     * it (600 Hz, 1 s), and the recording holds the parties' own voices without it.
     */
    @Test
    void anAnnouncementReachesTheBrowserThroughTheTranscoderAndIsNotRecorded() throws Exception {
        RelayCall call = relay.open("tc-2", null, Runnable::run);
        RelayLeg browserFace = call.leg(Side.CALLER);
        RelayLeg phoneFace = call.leg(Side.CALLEE);
        browserFace.expect(browser.rtpAddress(), browser.rtcpAddress(), false, browser.ip(), 48000);
        phone.introduceTo(phoneFace);
        call.transcode(new Transcoding(Side.CALLER, 111, 110, 0, 101));
        Path target = dir.resolve("tc-2.wav");
        CallRecording recording = call.record(target);
        call.announce(Tones.sine(600, java.time.Duration.ofSeconds(1), 8000));

        int packets = 75; // 1 s with the announcement, 0.5 s after it
        short[] browserTone = Tones.sine(1000, java.time.Duration.ofMillis(1500), 8000);
        short[] phoneTone = Tones.sine(440, java.time.Duration.ofMillis(1500), 8000);
        short[] phoneHeard = new short[packets * 160];
        short[] browserHeard = new short[packets * 160];
        for (int i = 0; i < packets; i++) {
            exchange(i, browserFace, phoneFace, browserTone, phoneTone, phoneHeard, browserHeard);
        }
        assertThat(Spectrum.amplitude(browserHeard, 1600, 4800, 600))
                .as("the browser hears the announcement")
                .isGreaterThan(2000);
        assertThat(Spectrum.amplitude(browserHeard, 1600, 4800, 440))
                .as("and the phone under it")
                .isGreaterThan(2000);
        assertThat(Spectrum.amplitude(browserHeard, 9600, 2400, 600))
                .as("after its end")
                .isLessThan(300);
        assertThat(Spectrum.amplitude(phoneHeard, 1600, 4800, 600))
                .as("the phone hears it too")
                .isGreaterThan(2000);

        RecordedAudio audio = recording.stop().get(5, TimeUnit.SECONDS);
        short[][] channels = org.tandem.media.testsupport.StereoWav.channels(Files.readAllBytes(audio.file()));
        assertThat(Spectrum.amplitude(channels[0], 1000))
                .as("the browser, left")
                .isGreaterThan(2000);
        assertThat(Spectrum.amplitude(channels[1], 440)).as("the phone, right").isGreaterThan(2000);
        assertThat(Spectrum.amplitude(channels[0], 600))
                .as("no announcement in the recording")
                .isLessThan(300);
        assertThat(Spectrum.amplitude(channels[1], 600)).isLessThan(300);
        call.close();
    }

    /**
     * Packet {@code i} both ways at real-time order: the browser's tone as one Opus frame to the phone, which must get
     * PCMU with the timestamp on its 8 kHz clock; the phone's tone as PCMU to the browser, which must get Opus on its
     * 48 kHz clock. What each party heard is kept at {@code i * 160}.
     */
    private void exchange(
            int i,
            RelayLeg browserFace,
            RelayLeg phoneFace,
            short[] browserTone,
            short[] phoneTone,
            short[] phoneHeard,
            short[] browserHeard)
            throws Exception {
        byte[] opus = new byte[1500];
        int n = browserOpus.encode(Arrays.copyOfRange(browserTone, i * 160, i * 160 + 160), 160, opus);
        Party.send(browser.rtp, RtpPacket.build(111, false, i, 960L * i, 0xb1, opus, n), browserFace.localRtpPort());
        RtpPacket atPhone = parse(Party.receive(phone.rtp).data());
        assertThat(atPhone.payloadType()).isZero();
        assertThat(atPhone.timestamp()).isEqualTo(160L * i);
        System.arraycopy(
                AudioCodec.PCMU.decode(atPhone.buffer(), atPhone.payloadOffset(), atPhone.payloadLength()),
                0,
                phoneHeard,
                i * 160,
                160);

        byte[] pcmu = new byte[160];
        AudioCodec.PCMU.encode(Arrays.copyOfRange(phoneTone, i * 160, i * 160 + 160), 160, pcmu, 0);
        Party.send(
                phone.rtp,
                RtpPacket.build(0, false, 300 + i, 8000L + 160L * i, 0xf0, pcmu, 160),
                phoneFace.localRtpPort());
        RtpPacket atBrowser = parse(Party.receive(browser.rtp).data());
        assertThat(atBrowser.payloadType()).isEqualTo(111);
        assertThat(atBrowser.timestamp()).isEqualTo(48_000L + 960L * i);
        short[] pcm = browserOpus.decode(atBrowser.buffer(), atBrowser.payloadOffset(), atBrowser.payloadLength());
        System.arraycopy(pcm, 0, browserHeard, i * 160, Math.min(160, pcm.length));
    }

    private static RtpPacket parse(byte[] data) {
        RtpPacket p = RtpPacket.parse(data, 0, data.length);
        assertThat(p).isNotNull();
        return p;
    }
}
