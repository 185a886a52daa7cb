package org.tandem.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.UnsupportedAudioException;
import org.tandem.media.Wav;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;

class CodecAndWavTest {

    @Test
    void g711KnownCodeWords() { // ITU-T G.711 tables: silence and the extremes
        assertThat(G711.linearToUlaw(0)).isEqualTo((byte) 0xFF);
        assertThat(G711.linearToAlaw(0)).isEqualTo((byte) 0xD5);
        assertThat(G711.ulawDecode((byte) 0xFF)).isZero();
        assertThat(G711.ulawDecode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawDecode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.alawDecode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawDecode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawDecode((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void g711RoundTripStaysWithinTheQuantisationStep() {
        for (AudioCodec codec : new AudioCodec[] {AudioCodec.PCMU, AudioCodec.PCMA}) {
            for (int v = -32768; v <= 32767; v += 7) {
                byte[] b = new byte[1];
                codec.encode(new short[] {(short) v}, 1, b, 0);
                int back = codec.decode(b, 0, 1)[0];
                // G.711 keeps about 12 bits: error below 1/16 of the value, or 16 near zero
                assertThat(Math.abs(back - v))
                        .as("%s %d -> %d", codec, v, back)
                        .isLessThanOrEqualTo(Math.max(16, Math.abs(v) / 16 + 1));
                // re-encoding a decoded value is stable (the tables are each other's inverse), except
                // μ-law's "negative zero" 0x7F, which decodes to 0 and so re-encodes as 0xFF
                if (back == 0) continue;
                byte[] again = new byte[1];
                codec.encode(new short[] {(short) back}, 1, again, 0);
                assertThat(again[0]).isEqualTo(b[0]);
            }
        }
    }

    @Test
    void everyCodecKeepsAToneFrameByFrame() { // Opus through libjitsi's native libopus
        short[] tone = Tones.sine(1000, Duration.ofMillis(400));
        for (AudioCodec codec : AudioCodec.values()) {
            try (FrameCodec coder = codec.newFrameCodec()) {
                short[] back = new short[tone.length];
                byte[] payload = new byte[1500];
                short[] frame = new short[160];
                for (int off = 0; off < tone.length; off += 160) {
                    System.arraycopy(tone, off, frame, 0, 160);
                    int length = coder.encode(frame, 160, payload);
                    assertThat(length).isBetween(1, 160);
                    short[] pcm = coder.decode(payload, 0, length);
                    assertThat(pcm).hasSize(160);
                    System.arraycopy(pcm, 0, back, off, 160);
                }
                // skip the first 100 ms: Opus' encoder needs a few frames (look-ahead, RFC 6716 §2)
                assertThat(Spectrum.amplitude(back, 800, 2400, 1000))
                        .as("%s", codec)
                        .isBetween(7000.0, 8800.0);
                assertThat(Spectrum.amplitude(back, 800, 2400, 440))
                        .as("%s", codec)
                        .isLessThan(200.0);
            }
        }
    }

    @Test
    void wavHeaderIsCorrectAndRoundTrips(@TempDir Path dir) throws Exception {
        short[] tone = Tones.sine(440, Duration.ofMillis(500));
        Path file = dir.resolve("t.wav");
        Wav.write(file, tone, tone.length);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.length).isEqualTo(44 + tone.length * 2);
        assertThat(new String(bytes, 0, 4)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(new String(bytes, 8, 8)).isEqualTo("WAVEfmt ");
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(8000);
        assertThat(b.getInt(28)).isEqualTo(16000);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(bytes, 36, 4)).isEqualTo("data");
        assertThat(b.getInt(40)).isEqualTo(tone.length * 2);
        assertThat(Wav.read(file)).isEqualTo(tone);
    }

    @Test
    void wavWithExtraChunksAndTruncatedSizeIsRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Wav.write(out, new short[] {1, 2, 3});
        byte[] plain = out.toByteArray();
        // insert a LIST chunk (as sox/ffmpeg write) between fmt and data, and zero the data size
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] bytes = new byte[plain.length + list.length];
        System.arraycopy(plain, 0, bytes, 0, 36);
        System.arraycopy(list, 0, bytes, 36, list.length);
        System.arraycopy(plain, 36, bytes, 36 + list.length, plain.length - 36);
        bytes[36 + list.length + 4] = 0; // data size 0: a recorder died before fixing the header
        assertThat(Wav.parse(bytes, "x.wav")).containsExactly(1, 2, 3);
    }

    @Test
    void otherFormatsAreRefusedSayingWhatToDo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Wav.write(out, new short[] {1});
        byte[] bytes = out.toByteArray();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 44100).putShort(22, (short) 2);
        assertThatThrownBy(() -> Wav.parse(bytes, "music.wav"))
                .isInstanceOf(UnsupportedAudioException.class)
                .hasMessageContaining("music.wav is format 1, 2 channel(s), 44100 Hz")
                .hasMessageContaining("convert");
        assertThatThrownBy(() -> Wav.parse("ID3 mp3".getBytes(), "song.mp3")).hasMessageContaining("not a RIFF/WAVE");
    }
}
