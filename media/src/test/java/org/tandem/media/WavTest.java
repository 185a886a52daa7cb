package org.tandem.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** The header and the RIFF/WAVE check every WAV writer and reader of Tandem shares, read back by Java Sound. */
class WavTest {

    @Test
    void aStereoHeaderIsWhatJavaSoundReadsAs8kHz16BitStereo() throws Exception {
        ByteBuffer header = Wav.header(2, 4 * 100);
        byte[] file = new byte[Wav.HEADER + 4 * 100];
        header.get(file, 0, Wav.HEADER);

        AudioFileFormat read = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(file));

        assertThat(read.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        AudioFormat f = read.getFormat();
        assertThat(f.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(f.getSampleRate()).isEqualTo(8000f);
        assertThat(f.getSampleSizeInBits()).isEqualTo(16);
        assertThat(f.getChannels()).isEqualTo(2);
        assertThat(f.getFrameSize()).isEqualTo(4);
        assertThat(f.isBigEndian()).isFalse();
        assertThat(read.getFrameLength()).isEqualTo(100);
    }

    @Test
    void aMonoFileIsTheMonoHeaderThenTheSamples() {
        byte[] file = Wav.bytes(new short[] {1, -2, 3});

        byte[] header = new byte[Wav.HEADER];
        Wav.header(1, 6).get(header);
        assertThat(file).startsWith(header).hasSize(Wav.HEADER + 6);
        assertThat(Wav.parse(file, "x.wav")).containsExactly(1, -2, 3);
    }

    @Test
    void onlyRiffWaveStartsAWavFile() {
        assertThat(Wav.isRiffWave(Wav.bytes(new short[0]))).isTrue();
        assertThat(Wav.isRiffWave("RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(Wav.isRiffWave("ID3\3\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(Wav.isRiffWave("RIFF".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
}
