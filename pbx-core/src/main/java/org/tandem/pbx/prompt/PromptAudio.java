package org.tandem.pbx.prompt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Turns an uploaded recording into what the media engine plays: 8 kHz, 16-bit, mono PCM. Reads what Java Sound
 * reads — WAV (PCM 8/16/24/32-bit at any rate, mono or stereo; G.711 mu-law and A-law), AIFF and AU — and
 * resamples and mixes down with its converters.
 */
public final class PromptAudio {

    /** Longer uploads are refused: prompts are spoken, not music (music on hold is 24 s). */
    public static final int MAX_SECONDS = 300;

    static final AudioFormat TARGET = new AudioFormat(8000f, 16, 1, true, false);

    private PromptAudio() {}

    /**
     * The samples of {@code upload} at 8 kHz 16-bit mono.
     *
     * @throws InvalidInputException on field {@code file} saying what is wrong (not audio, unknown format, empty, too long)
     */
    public static short[] toEngineFormat(byte[] upload) {
        if (upload == null || upload.length == 0) throw invalid("prompt.file-empty");
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(upload))) {
            AudioInputStream pcm = in;
            AudioFormat f = in.getFormat();
            if (!AudioFormat.Encoding.PCM_SIGNED.equals(f.getEncoding()) || f.getSampleSizeInBits() != 16) {
                pcm = AudioSystem.getAudioInputStream(
                        new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, false), pcm);
            }
            if (pcm.getFormat().getChannels() != 1 || pcm.getFormat().getSampleRate() != 8000f) {
                pcm = AudioSystem.getAudioInputStream(TARGET, mono(pcm));
            }
            byte[] bytes = pcm.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes)
                    .order(pcm.getFormat().isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer()
                    .get(samples);
            if (samples.length == 0) throw invalid("prompt.file-no-audio");
            if (samples.length > MAX_SECONDS * 8000) throw invalid("prompt.file-too-long", MAX_SECONDS);
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw invalid("prompt.file-not-audio");
        } catch (IllegalArgumentException e) {
            throw invalid("prompt.file-not-convertible", e.getMessage());
        } catch (IOException e) {
            throw invalid("prompt.file-unreadable", e.getMessage());
        }
    }

    /** Stereo (or more) to mono by averaging, keeping the rate: Java Sound converts rates, not channel counts. */
    private static AudioInputStream mono(AudioInputStream pcm) throws IOException {
        AudioFormat f = pcm.getFormat();
        if (f.getChannels() == 1) return pcm;
        byte[] bytes = pcm.readAllBytes();
        ByteBuffer in = ByteBuffer.wrap(bytes).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int channels = f.getChannels();
        int frames = bytes.length / (2 * channels);
        ByteBuffer out = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) sum += in.getShort((i * channels + c) * 2);
            out.putShort((short) (sum / channels));
        }
        AudioFormat monoFormat = new AudioFormat(f.getSampleRate(), 16, 1, true, false);
        return new AudioInputStream(new ByteArrayInputStream(out.array()), monoFormat, frames);
    }

    private static InvalidInputException invalid(String key, Object... args) {
        return new InvalidInputException("file", key, args);
    }
}
