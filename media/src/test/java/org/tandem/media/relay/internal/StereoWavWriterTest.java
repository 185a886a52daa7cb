package org.tandem.media.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StereoWavWriterTest {

    @TempDir
    Path dir;

    @Test
    void channelsArrivingOutOfStepLandAtTheirFramesWithSilenceBetween() throws Exception {
        Path target = dir.resolve("calls/1.wav");
        StereoWavWriter w = new StereoWavWriter(target);
        w.put(1, 100, new short[] {7, 8, 9}, 3); // the callee first, at frame 100
        w.put(0, 0, new short[] {1, 2}, 2); // the caller's earlier packet arrives later
        w.put(0, 50_000, new short[] {5}, 1); // beyond the window: frames before it go to disk
        w.put(1, 101, new short[] {-1}, 1); // late: already on disk, dropped
        assertThat(target).doesNotExist();
        assertThat(w.partFile()).exists();
        w.finish();

        assertThat(w.partFile()).doesNotExist();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(target)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(0x46464952); // RIFF
        assertThat(b.getInt(4)).isEqualTo(b.capacity() - 8); // RIFF size
        assertThat(b.getShort(22)).isEqualTo((short) 2); // channels
        assertThat(b.getInt(24)).isEqualTo(8000);
        assertThat(b.getInt(28)).isEqualTo(32000); // byte rate
        assertThat(b.getShort(32)).isEqualTo((short) 4); // block align
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(b.getInt(40)).isEqualTo(50_001 * 4); // data size: through the last frame put
        assertThat(frame(b, 0)).containsExactly(1, 0);
        assertThat(frame(b, 1)).containsExactly(2, 0);
        assertThat(frame(b, 2)).containsExactly(0, 0);
        assertThat(frame(b, 100)).containsExactly(0, 7);
        assertThat(frame(b, 101)).containsExactly(0, 8);
        assertThat(frame(b, 102)).containsExactly(0, 9);
        assertThat(frame(b, 50_000)).containsExactly(5, 0);
    }

    @Test
    void anAbortedRecordingLeavesNothing() throws Exception {
        Path target = dir.resolve("2.wav");
        StereoWavWriter w = new StereoWavWriter(target);
        w.put(0, 0, new short[] {1}, 1);
        w.abort();
        assertThat(target).doesNotExist();
        assertThat(w.partFile()).doesNotExist();
    }

    @Test
    void aRecordingWithNoAudioIsAnEmptyButCompleteWav() throws Exception {
        Path target = dir.resolve("3.wav");
        new StereoWavWriter(target).finish();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(target)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.capacity()).isEqualTo(44);
        assertThat(b.getInt(40)).isZero();
    }

    @Test
    void rtpTrackFollowsTimestampsAndReplacesAStreamByArrival() {
        long start = 1_000_000_000L;
        RtpTrack t = new RtpTrack(start);
        assertThat(t.position(7, 160_000, start + 500_000_000L)).isEqualTo(4000); // first packet: arrival 0.5 s
        assertThat(t.position(7, 160_160, start + 540_000_000L)).isEqualTo(4160); // jitter ignored: timestamp
        assertThat(t.position(7, 4_294_967_200L, start + 560_000_000L)).isEqualTo(4480); // a jump: by arrival
        assertThat(t.position(9, 5, start + 600_000_000L)).isEqualTo(4800); // new SSRC: by arrival
        assertThat(t.position(9, 165, start + 600_000_000L)).isEqualTo(4960);
    }

    private static int[] frame(ByteBuffer b, int frame) {
        return new int[] {b.getShort(44 + 4 * frame), b.getShort(46 + 4 * frame)};
    }
}
