package org.tandem.pbx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.TestRtpPeer;

/**
 * A phone with a real RTP endpoint, for calls to the PBX's media services: its INVITE offers the RTP peer's
 * PCMU, the answer points the peer at the PBX's media, and what it hears is decoded. Waits are on what the
 * phone hears, never on the clock: a prompt has begun when sound arrives after a key; the caller is alone
 * when nothing audible arrives for a while.
 */
public final class MediaPhone implements AutoCloseable {

    /** 20 ms of G.711. */
    private static final int FRAME = 160;
    /** A frame is audible at a mean absolute amplitude of about -40 dBFS (the media engine's silence level). */
    private static final int AUDIBLE = 330;
    /**
     * Frames still on their way when a key was sent: a prompt the key interrupts may be heard for these after the
     * mark, so they do not count as the next prompt.
     */
    private static final int IN_FLIGHT = 3;
    /** A prompt has begun when this many audible frames (100 ms) came after the mark. */
    private static final int PROMPT_FRAMES = 5;

    private final String ext;
    private final RawPhone sip;
    private final TestRtpPeer rtp;
    private RawPhone.Leg leg;
    /** Samples heard when the last key was sent (or the call answered): where the next sound is looked for. */
    private int mark;
    /**
     * Samples heard when the first of the last keys went out: the PBX acts on a key's first RFC 4733 packet, so
     * the prompt it leads to may begin before the last key is over.
     */
    private int pressed;

    private MediaPhone(String ext, RawPhone sip, TestRtpPeer rtp) {
        this.ext = ext;
        this.sip = sip;
        this.rtp = rtp;
    }

    /** Extension {@code ext} of the test PBX (password {@code secret<ext>}). */
    public static MediaPhone of(int sipPort, String ext) throws Exception {
        TestRtpPeer rtp = new TestRtpPeer();
        return new MediaPhone(
                ext, new RawPhone(sipPort, PbxTestContext.DOMAIN, ext, "secret" + ext).offer(rtp.offer()), rtp);
    }

    /** Extension {@code ext} of a PBX serving {@code domain} (a packaged appliance), with its SIP password. */
    public static MediaPhone of(int sipPort, String domain, String ext, String password) throws Exception {
        TestRtpPeer rtp = new TestRtpPeer();
        return new MediaPhone(ext, new RawPhone(sipPort, domain, ext, password).offer(rtp.offer()), rtp);
    }

    /**
     * A caller outside the PBX presenting {@code number} from another domain, without credentials (the PBX must run
     * with {@code tandem.proxy.anonymous-inbound=true}).
     */
    public static MediaPhone outside(int sipPort, String number) throws Exception {
        TestRtpPeer rtp = new TestRtpPeer();
        return new MediaPhone(number, new RawPhone(sipPort, "outside.example", number, null).offer(rtp.offer()), rtp);
    }

    public RawPhone sip() {
        return sip;
    }

    public TestRtpPeer rtp() {
        return rtp;
    }

    public RawPhone.Leg leg() {
        return leg;
    }

    /** Calls {@code dialled}, expects the 200 with an SDP answer, ACKs it and points the RTP peer there. */
    public MediaPhone dial(String dialled, String... extraHeaders) {
        leg = sip.invite(dialled, extraHeaders);
        SipText ok = sip.answered(leg);
        assertThat(ok.header("Content-Type")).isEqualTo("application/sdp");
        rtp.answeredBy(ok.body());
        mark = 0;
        pressed = 0;
        return this;
    }

    /** Sends {@code keys} as RFC 4733 events, then waits until the prompt they lead to is heard. */
    public void keys(String keys) throws Exception {
        press(keys);
        awaitPrompt(Duration.ofSeconds(10));
    }

    /** Sends {@code keys} as RFC 4733 events, one after the other, without waiting for an answer. */
    public void press(String keys) throws Exception {
        pressed = rtp.received().length;
        for (char k : keys.toCharArray()) rtp.sendDigit(k, 100).get(5, TimeUnit.SECONDS);
        mark = rtp.received().length;
    }

    /** Waits until a prompt is heard that began after the last key (or after the answer). */
    public void awaitPrompt(Duration within) {
        int from = mark + IN_FLIGHT * FRAME;
        heard(
                "a prompt after sample " + from,
                () -> await().atMost(within)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> audibleFrames(rtp.received(), from) >= PROMPT_FRAMES));
    }

    /**
     * Waits until the PBX has begun to play prompt {@code id} after the last keys (or the answer): the loudness
     * of its first half second, frame by frame, is found in what was heard. Players send a prompt frame-aligned,
     * and G.711 keeps each frame's loudness to within a few per cent.
     */
    public void awaitPrompt(String id, Duration within) {
        int[] wanted = envelope(promptSamples(id), 0, 25);
        int from = pressed / FRAME;
        heard(
                "prompt " + id + " after sample " + pressed,
                () -> await().atMost(within)
                        .pollInterval(Duration.ofMillis(40))
                        .until(() -> find(envelope(rtp.received(), 0, Integer.MAX_VALUE), wanted, from) >= 0));
    }

    /**
     * Waits until the PBX has played the prompts {@code ids} of the {@code language} set ({@code prompts/<language>/})
     * one right after the other, in this order, after the last keys (or the answer): each prompt's loudness, frame
     * by frame, is found within half a second of the end of the one before. Each prompt of a sequence starts a new
     * frame-aligned playback, so the match is exact to the frame.
     */
    public void awaitPromptsInOrder(String language, Duration within, String... ids) {
        int[][] wanted = new int[ids.length][];
        int[] frames = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            short[] pcm = promptSamples(language, ids[i]);
            wanted[i] = envelope(pcm, 0, 25);
            frames[i] = pcm.length / FRAME;
        }
        String what = String.join(" ", ids) + " (" + language + ")";
        heard(
                "prompts " + what + " after sample " + pressed,
                () -> await().atMost(within)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> inOrder(
                                envelope(rtp.received(), 0, Integer.MAX_VALUE), wanted, frames, pressed / FRAME)));
    }

    /** Whether prompt {@code id} of {@code language} is anywhere in what was heard since the last keys. */
    public boolean heardPrompt(String language, String id) {
        return find(
                        envelope(rtp.received(), 0, Integer.MAX_VALUE),
                        envelope(promptSamples(language, id), 0, 25),
                        pressed / FRAME)
                >= 0;
    }

    private static boolean inOrder(int[] heard, int[][] wanted, int[] frames, int from) {
        for (int start = find(heard, wanted[0], from); start >= 0; start = find(heard, wanted[0], start + 1)) {
            int at = start + frames[0];
            boolean all = true;
            for (int i = 1; i < wanted.length && all; i++) {
                int next = find(heard, wanted[i], at);
                all = next >= 0 && next <= at + 25; // the next prompt follows within 0.5 s
                if (all) at = next + frames[i];
            }
            if (all) return true;
        }
        return false;
    }

    /** Waits until nothing audible has come for {@code quiet} (prompts and tones are over). */
    public void awaitQuiet(Duration quiet, Duration within) {
        int frames = (int) (quiet.toMillis() / 20);
        await("quiet for " + quiet)
                .atMost(within)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> silentTail(rtp.received()) >= frames);
    }

    /** Waits until {@code samples} of a {@code hz} tone were heard. */
    public void awaitTone(double hz, int samples, Duration within) {
        await(hz + " Hz")
                .atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Spectrum.toneSamples(rtp.received(), hz, 3000) >= samples);
    }

    /** Waits until the beep (1 kHz for at least 200 ms) was heard. */
    public void awaitBeep(Duration within) {
        awaitTone(1000, 1600, within);
    }

    /** The PBX ends the call: answers its BYE. */
    public SipText awaitBye() {
        SipText bye = sip.request("BYE");
        sip.respond(bye, 200, "OK");
        return bye;
    }

    /** This phone hangs up; the PBX answers 200. */
    public void hangUp() {
        assertThat(sip.inDialog(leg, "BYE").status()).isEqualTo(200);
    }

    /** Runs a wait; when it fails, what this phone heard is kept as a WAV under target/ for a look. */
    private void heard(String what, Runnable wait) {
        try {
            wait.run();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            java.util.List<byte[]> packets = rtp.packets();
            String last = packets.isEmpty() ? "none" : "payload type " + (packets.get(packets.size() - 1)[1] & 0x7f);
            throw new AssertionError(
                    ext + " waited in vain for " + what + "; it heard " + keep(rtp.received()) + " from "
                            + packets.size() + " RTP packets (the last: " + last + "); " + rtp.where(),
                    e);
        }
    }

    private static String keep(short[] heard) {
        try {
            java.nio.file.Path dir =
                    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "media-phone"));
            java.nio.file.Path file = java.nio.file.Files.createTempFile(dir, "heard-", ".wav");
            byte[] b = new byte[heard.length * 2];
            for (int i = 0; i < heard.length; i++) {
                b[2 * i] = (byte) heard[i];
                b[2 * i + 1] = (byte) (heard[i] >> 8);
            }
            var format = new javax.sound.sampled.AudioFormat(8000, 16, 1, true, false);
            try (var in = new javax.sound.sampled.AudioInputStream(
                    new java.io.ByteArrayInputStream(b), format, heard.length)) {
                javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
            }
            return heard.length + " samples, kept in " + file.toAbsolutePath();
        } catch (java.io.IOException e) {
            return heard.length + " samples (not kept: " + e.getMessage() + ")";
        }
    }

    static short[] promptSamples(String id) {
        return promptSamples("en", id);
    }

    static short[] promptSamples(String language, String id) {
        try (var in =
                MediaPhone.class.getClassLoader().getResourceAsStream("prompts/" + language + "/" + id + ".wav")) {
            assertThat(in).as("shipped prompt " + language + "/" + id).isNotNull();
            try (var audio = javax.sound.sampled.AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(in))) {
                byte[] b = audio.readAllBytes();
                short[] s = new short[b.length / 2];
                for (int i = 0; i < s.length; i++) s[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
                return s;
            }
        } catch (Exception e) {
            throw new IllegalStateException("prompt " + id, e);
        }
    }

    /** Mean absolute amplitude of up to {@code count} frames from frame {@code first}. */
    static int[] envelope(short[] samples, int first, int count) {
        int n = Math.min(count, samples.length / FRAME - first);
        int[] e = new int[Math.max(0, n)];
        for (int f = 0; f < e.length; f++) {
            long sum = 0;
            for (int i = (first + f) * FRAME; i < (first + f + 1) * FRAME; i++) sum += Math.abs(samples[i]);
            e[f] = (int) (sum / FRAME);
        }
        return e;
    }

    /** The first frame at or after {@code from} where {@code wanted} follows, each frame within 15 % (+40); or -1. */
    static int find(int[] heard, int[] wanted, int from) {
        for (int o = Math.max(0, from); o + wanted.length <= heard.length; o++) {
            boolean match = true;
            for (int i = 0; i < wanted.length && match; i++) {
                match = Math.abs(heard[o + i] - wanted[i]) <= wanted[i] * 15 / 100 + 40;
            }
            if (match) return o;
        }
        return -1;
    }

    static int audibleFrames(short[] heard, int from) {
        int n = 0;
        for (int f = Math.max(0, from) / FRAME; (f + 1) * FRAME <= heard.length; f++) {
            if (audible(heard, f)) n++;
        }
        return n;
    }

    static int silentTail(short[] heard) {
        int n = 0;
        for (int f = heard.length / FRAME - 1; f >= 0 && !audible(heard, f); f--) n++;
        return n;
    }

    private static boolean audible(short[] heard, int frame) {
        long sum = 0;
        for (int i = frame * FRAME; i < (frame + 1) * FRAME; i++) sum += Math.abs(heard[i]);
        return sum / FRAME >= AUDIBLE;
    }

    @Override
    public void close() throws Exception {
        sip.close();
        rtp.close();
    }
}
