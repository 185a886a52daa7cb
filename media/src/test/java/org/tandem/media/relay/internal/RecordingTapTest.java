package org.tandem.media.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.relay.RecordedAudio;
import org.tandem.media.relay.Side;

class RecordingTapTest {

    @TempDir
    Path dir;

    /** An executor that runs nothing until told: the recorder has fallen behind. */
    private static final class Stalled implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) r.run();
        }
    }

    @Test
    void aRecorderThatFallsBehindCostsPacketsNeverAWait() throws Exception {
        Stalled recorder = new Stalled();
        RecordingTap tap = new RecordingTap("c", dir.resolve("r.wav"), recorder, 10);
        for (int i = 0; i < 25; i++) tap.offer(Side.CALLER, rtp(0, i, 0x55), System.nanoTime());
        assertThat(tap.packetsDropped()).isEqualTo(15);
        assertThat(recorder.tasks).hasSize(1); // one drain per call, however many packets

        var done = tap.stop();
        recorder.runAll();
        RecordedAudio audio = done.get();
        assertThat(audio.packetsDropped()).isEqualTo(15);
        assertThat(audio.frames()).isGreaterThanOrEqualTo(10 * 160);
    }

    @Test
    void eventsComfortNoiseAndOtherCodecsAreSkippedAndAfterStopNothingIsTaken() throws Exception {
        Stalled recorder = new Stalled();
        RecordingTap tap = new RecordingTap("c", dir.resolve("s.wav"), recorder, 100);
        tap.offer(Side.CALLEE, rtp(101, 0, 0), System.nanoTime()); // RFC 4733 telephone-event
        tap.offer(Side.CALLEE, rtp(13, 1, 0), System.nanoTime()); // RFC 3389 comfort noise
        tap.offer(Side.CALLEE, rtp(8, 2, 0xd5), System.nanoTime()); // PCMA: decoded
        var done = tap.stop();
        tap.offer(Side.CALLER, rtp(0, 3, 0), System.nanoTime());
        recorder.runAll();
        assertThat(done.get().packetsSkipped()).isEqualTo(2);
        assertThat(done.get().frames()).isGreaterThanOrEqualTo(160);
        assertThat(dir.resolve("s.wav")).exists();
    }

    private static ByteBuffer rtp(int pt, int seq, int fill) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80)
                .put((byte) pt)
                .putShort((short) seq)
                .putInt(seq * 160)
                .putInt(42);
        while (b.hasRemaining()) b.put((byte) fill);
        return b.flip();
    }
}
