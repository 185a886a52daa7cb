package org.tandem.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.internal.AudioCodec;
import org.tandem.media.internal.JitsiMediaEngine;
import org.tandem.media.testsupport.Pcap;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.media.testsupport.Tones;

/**
 * Loopback proofs: a test RTP peer talks to real sessions of the engine over 127.0.0.1 and the audio is
 * checked by frequency and length, not assumed.
 */
class MediaLoopbackIT {

    static JitsiMediaEngine engine;
    static ExecutorService stripe;
    static final List<Thread> callbackThreads = new CopyOnWriteArrayList<>();

    @TempDir
    static Path recordings;

    @BeforeAll
    static void start() {
        int base = 22000 + 2 * (int) (Math.random() * 4000);
        engine = new JitsiMediaEngine(
                new MediaProperties(base, base + 199, "127.0.0.1", "127.0.0.1", Duration.ofSeconds(30), recordings));
        stripe = Executors.newSingleThreadExecutor(r -> new Thread(r, "call-stripe"));
    }

    @AfterAll
    static void stop() {
        engine.close();
        stripe.shutdownNow();
    }

    /** Records digits and remembers the thread each callback ran on. */
    static final class Events implements MediaEvents {
        final BlockingQueue<Character> digits = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> timedOut = new CompletableFuture<>();

        @Override
        public void dtmf(char digit) {
            callbackThreads.add(Thread.currentThread());
            digits.add(digit);
        }

        @Override
        public void rtpTimeout() {
            callbackThreads.add(Thread.currentThread());
            timedOut.complete(null);
        }
    }

    @Test
    void recordsA440HzToneForItsLengthAndStopsOnHash() throws Exception {
        Events events = new Events();
        try (TestRtpPeer peer = new TestRtpPeer(AudioCodec.PCMA)) {
            MediaSession session = engine.answer(peer.offer(), events, stripe);
            peer.answeredBy(session.answerSdp());
            CompletableFuture<Recording> done = session.record(RecordOptions.voicemail(Duration.ofSeconds(10)))
                    .toCompletableFuture();
            peer.send(Tones.sine(440, Duration.ofMillis(1500))).get(5, TimeUnit.SECONDS);
            peer.sendDigit('#', 100).get(5, TimeUnit.SECONDS);

            Recording rec = done.get(5, TimeUnit.SECONDS);
            assertThat(rec.reason()).isEqualTo(Recording.StopReason.DIGIT);
            assertThat(events.digits.poll(2, TimeUnit.SECONDS)).isEqualTo('#');
            short[] audio = Wav.read(rec.file());
            assertThat(rec.file().getParent()).isEqualTo(recordings);
            int toneMs = Spectrum.toneSamples(audio, 440, 4000) / 8;
            assertThat(toneMs).isBetween(1400, 1520);
            assertThat(Spectrum.amplitude(audio, 880)).isLessThan(100);
            assertThat(rec.length().toMillis()).isBetween(1400L, 1800L);
            session.close();
        }
        assertThat(callbackThreads).allMatch(t -> t.getName().equals("call-stripe"));
    }

    @Test
    void sippsCapturedCallIsRecordedSampleForSampleUntilItsCapturedHash() throws Exception {
        List<Pcap.Datagram> call = Pcap.udp(Pcap.sippCapture("g711a.pcap"));
        short[] expected = new short[call.size() * 240];
        for (int i = 0; i < call.size(); i++) {
            byte[] p = call.get(i).payload();
            System.arraycopy(AudioCodec.PCMA.decode(p, 12, p.length - 12), 0, expected, i * 240, 240);
        }
        Events events = new Events();
        try (TestRtpPeer peer = new TestRtpPeer(AudioCodec.PCMA)) {
            MediaSession session = engine.answer(peer.offer().replace("a=ptime:20", "a=ptime:30"), events, stripe);
            peer.answeredBy(session.answerSdp());
            CompletableFuture<Recording> done = session.record(new RecordOptions(Duration.ofSeconds(20), null, "#"))
                    .toCompletableFuture();
            peer.replay(call).get(15, TimeUnit.SECONDS);
            peer.replay(Pcap.udp(Pcap.sippCapture("dtmf_2833_pound.pcap"))).get(5, TimeUnit.SECONDS);
            Recording rec = done.get(5, TimeUnit.SECONDS);
            assertThat(rec.reason()).isEqualTo(Recording.StopReason.DIGIT);
            assertThat(Wav.read(rec.file())).isEqualTo(expected);
            assertThat(rec.length().toMillis()).isEqualTo(7080);
            session.close();
        }
    }

    @Test
    void playsA1kHzWavAtRealTimePace(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("1k.wav");
        short[] tone = Tones.sine(1000, Duration.ofMillis(1000));
        Wav.write(wav, tone, tone.length);
        try (TestRtpPeer peer = new TestRtpPeer(AudioCodec.PCMU)) {
            MediaSession session = engine.answer(peer.offer(), new Events(), stripe);
            peer.answeredBy(session.answerSdp());
            long start = System.nanoTime();
            Thread[] completedOn = new Thread[1];
            PlaybackOutcome outcome = session.play(wav)
                    .thenApply(o -> {
                        completedOn[0] = Thread.currentThread();
                        return o;
                    })
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(outcome).isEqualTo(PlaybackOutcome.FINISHED);
            assertThat(completedOn[0].getName()).isEqualTo("call-stripe");
            assertThat(tookMs).as("real-time pace").isBetween(950L, 1500L);

            short[] got = Spectrum.trimLeadingSilence(peer.received(), 500);
            assertThat(Spectrum.toneSamples(got, 1000, 6000) / 8).isBetween(960, 1020);
            assertThat(Spectrum.amplitude(got, 0, 7600, 440)).isLessThan(100);
            session.close();
        }
    }

    @Test
    void opusCallerIsRecordedAndHearsPlayback() throws Exception {
        Events events = new Events();
        try (TestRtpPeer peer = new TestRtpPeer(AudioCodec.OPUS)) {
            MediaSession session = engine.answer(peer.offer(), events, stripe);
            assertThat(session.answerSdp()).contains("opus/48000/2");
            peer.answeredBy(session.answerSdp());
            CompletableFuture<Recording> done = session.record(RecordOptions.voicemail(Duration.ofSeconds(10)))
                    .toCompletableFuture();
            peer.send(Tones.sine(440, Duration.ofMillis(1000))).get(5, TimeUnit.SECONDS);
            peer.sendDigit('#', 60).get(5, TimeUnit.SECONDS);
            short[] recorded = Wav.read(done.get(5, TimeUnit.SECONDS).file());
            assertThat(Spectrum.toneSamples(recorded, 440, 4000) / 8).isBetween(900, 1040);
            assertThat(events.digits.poll(2, TimeUnit.SECONDS)).isEqualTo('#');

            peer.clearReceived();
            session.play(Tones.sine(1000, Duration.ofMillis(800)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            short[] got = Spectrum.trimLeadingSilence(peer.received(), 500);
            assertThat(Spectrum.toneSamples(got, 1000, 4000) / 8).isBetween(700, 840);
            session.close();
        }
    }

    @Test
    void dtmfFromRtpAndFromSipInfoArriveInOrder() throws Exception {
        Events events = new Events();
        try (TestRtpPeer peer = new TestRtpPeer()) {
            MediaSession session = engine.answer(peer.offer(), events, stripe);
            peer.answeredBy(session.answerSdp());
            for (char d : "19*#".toCharArray()) peer.sendDigit(d, 80);
            peer.sendDigit('0', 80).get(5, TimeUnit.SECONDS);
            session.dtmfFromSipInfo('a');
            StringBuilder got = new StringBuilder();
            for (int i = 0; i < 6; i++) got.append(events.digits.poll(3, TimeUnit.SECONDS));
            assertThat(got.toString()).isEqualTo("19*#0A");
            assertThat(events.digits.poll(200, TimeUnit.MILLISECONDS))
                    .as("no duplicate digits")
                    .isNull();
            session.close();
        }
    }

    @Test
    void threeConferenceParticipantsHearTheOtherTwoAndNotThemselves() throws Exception {
        double[] freqs = {440, 880, 1320};
        TestRtpPeer[] peers = new TestRtpPeer[3];
        MediaSession[] sessions = new MediaSession[3];
        try (ConferenceMixer room = engine.createConference()) {
            for (int i = 0; i < 3; i++) {
                peers[i] = new TestRtpPeer();
                sessions[i] = engine.answer(peers[i].offer(), new Events(), stripe);
                peers[i].answeredBy(sessions[i].answerSdp());
                room.join(sessions[i]);
            }
            assertThat(room.participants()).hasSize(3);
            for (int i = 0; i < 3; i++) peers[i].send(Tones.sine(freqs[i], Duration.ofMillis(2000), 5000));
            for (int i = 0; i < 3; i++) peers[i].awaitSamples(8000 * 2, 6000);
            for (int i = 0; i < 3; i++) {
                short[] got = Spectrum.trimLeadingSilence(peers[i].received(), 500);
                assertThat(got.length).isGreaterThan(12000);
                // 200 ms .. 1.5 s into what this peer heard: every participant was talking
                short[] window = java.util.Arrays.copyOfRange(got, 1600, 12000);
                for (int j = 0; j < 3; j++) {
                    if (i == j) {
                        assertThat(Spectrum.maxBlockAmplitude(window, freqs[j]))
                                .as("peer %d hears itself at %s Hz", i, freqs[j])
                                .isLessThan(300);
                    } else {
                        assertThat(Spectrum.toneFraction(window, 0, window.length, freqs[j], 2500))
                                .as("peer %d hears %s Hz", i, freqs[j])
                                .isGreaterThan(0.6);
                    }
                }
            }
        } finally {
            for (int i = 0; i < 3; i++) {
                if (sessions[i] != null) sessions[i].close();
                if (peers[i] != null) peers[i].close();
            }
        }
    }

    @Test
    void aMutedParticipantIsHeardByNobodyAndAPromptReplacesTheMixForOneParticipant() throws Exception {
        TestRtpPeer[] peers = new TestRtpPeer[2];
        MediaSession[] sessions = new MediaSession[2];
        try (ConferenceMixer room = engine.createConference()) {
            for (int i = 0; i < 2; i++) {
                peers[i] = new TestRtpPeer();
                sessions[i] = engine.answer(peers[i].offer(), new Events(), stripe);
                peers[i].answeredBy(sessions[i].answerSdp());
                room.join(sessions[i]);
            }
            room.mute(sessions[0], true);
            peers[0].send(Tones.sine(440, Duration.ofMillis(1500), 5000));
            short[] heard = peers[1].awaitSamples(8000, 4000);
            assertThat(heard.length).as("the mix still flows to peer 1").isGreaterThanOrEqualTo(8000);
            assertThat(Spectrum.amplitude(heard, 440))
                    .as("muted peer 0 is not heard")
                    .isLessThan(100);

            // a prompt to peer 0 (e.g. "you are muted") while peer 1 talks: peer 0 hears the prompt, then the mix
            peers[0].clearReceived();
            room.mute(sessions[0], false);
            peers[1].send(Tones.sine(880, Duration.ofMillis(2500), 5000));
            sessions[0]
                    .play(Tones.sine(1000, Duration.ofMillis(600), 6000))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            short[] got = Spectrum.trimLeadingSilence(peers[0].awaitSamples(8000 * 2, 4000), 500);
            assertThat(Spectrum.toneSamples(got, 1000, 4000) / 8)
                    .as("the prompt")
                    .isBetween(540, 640);
            assertThat(Spectrum.toneFraction(got, 8 * 700, 8 * 1800, 880, 2500))
                    .as("the mix after the prompt")
                    .isGreaterThan(0.6);
        } finally {
            for (int i = 0; i < 2; i++) {
                if (sessions[i] != null) sessions[i].close();
                if (peers[i] != null) peers[i].close();
            }
        }
    }

    @Test
    void rtcpReportsGoToTheOffersRtcpAddress() throws Exception { // RFC 3550 §6.4, RFC 3605
        try (TestRtpPeer peer = new TestRtpPeer();
                java.net.DatagramSocket rtcp = new java.net.DatagramSocket(
                        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            MediaSession session =
                    engine.answer(peer.offer() + "a=rtcp:" + rtcp.getLocalPort() + "\r\n", new Events(), stripe);
            peer.answeredBy(session.answerSdp());
            peer.send(Tones.sine(440, Duration.ofSeconds(12)));
            rtcp.setSoTimeout(15_000);
            java.net.DatagramPacket report = new java.net.DatagramPacket(new byte[1500], 1500);
            rtcp.receive(report);
            byte[] b = report.getData();
            assertThat(b[0] & 0xC0).as("RTCP version 2").isEqualTo(0x80);
            assertThat(b[1] & 0xFF)
                    .as("SR or RR first in the compound packet (RFC 3550 §6.1)")
                    .isIn(200, 201);
            assertThat(report.getPort()).isEqualTo(session.localRtpPort() + 1);
            session.close();
        }
    }

    @Test
    void holdStopsOurSendingAndResumeStartsIt() throws Exception {
        try (TestRtpPeer peer = new TestRtpPeer()) {
            MediaSession session = engine.answer(peer.offer(), new Events(), stripe);
            peer.answeredBy(session.answerSdp());
            peer.awaitSamples(1600, 2000);
            String answer = session.updateRemote(peer.offer("sendonly"));
            assertThat(answer)
                    .contains("a=recvonly")
                    .contains("m=audio " + session.localRtpPort())
                    .contains(" 2 IN IP4"); // RFC 3264 §8: o= version incremented
            Thread.sleep(100); // let a packet already in flight arrive before we start counting
            peer.clearReceived();
            short[] none = peer.awaitSamples(1, 400);
            assertThat(none).as("nothing sent while the far end holds").isEmpty();
            session.updateRemote(peer.offer("sendrecv"));
            assertThat(peer.awaitSamples(800, 2000).length).isGreaterThanOrEqualTo(800);
            session.close();
        }
    }

    @Test
    void recordingStopsWithTheFileWhenTheCallerHangsUp() throws Exception {
        try (TestRtpPeer peer = new TestRtpPeer()) {
            Events events = new Events();
            MediaSession session = engine.answer(peer.offer(), events, stripe);
            peer.answeredBy(session.answerSdp());
            CompletableFuture<Recording> done = session.record(RecordOptions.voicemail(Duration.ofSeconds(30)))
                    .toCompletableFuture();
            peer.send(Tones.sine(440, Duration.ofMillis(600))).get(5, TimeUnit.SECONDS);
            // the last tone packet has been recorded once a digit sent after it has arrived (one socket, one receive
            // thread, in order): a fixed wait here lost the tone's end on a loaded machine. '1' stops no voicemail.
            peer.sendDigit('1', 60).get(5, TimeUnit.SECONDS);
            assertThat(events.digits.poll(5, TimeUnit.SECONDS)).isEqualTo('1');
            session.close();
            Recording rec = done.get(5, TimeUnit.SECONDS);
            assertThat(rec.reason()).isEqualTo(Recording.StopReason.SESSION_CLOSED);
            assertThat(Spectrum.toneSamples(Wav.read(rec.file()), 440, 4000) / 8)
                    .isBetween(540, 620);
            assertThat(Files.size(rec.file())).isEqualTo(44 + 2 * rec.length().toMillis() * 8);
        }
    }
}
