package org.tandem.media.relay.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.internal.G711;
import org.tandem.media.relay.CallRecording;
import org.tandem.media.relay.RecordedAudio;
import org.tandem.media.relay.Side;

/**
 * The recorder of one relayed call. The relay's IO thread hands it a copy of every RTP packet a party sends
 * ({@link #offer}: a copy into a bounded queue, never a wait — when the queue is full the packet is counted as
 * dropped); the recorder's executor decodes and places them ({@link RtpTrack}) into a {@link StereoWavWriter}, the
 * caller on the left channel, the callee on the right.
 */
final class RecordingTap implements CallRecording {

    private static final Logger log = LoggerFactory.getLogger(RecordingTap.class);
    /** ~10 s of both directions at 50 packets a second each. */
    static final int QUEUE = 1000;

    private record Packet(Side side, byte[] data, long arrivalNanos) {}

    private final String callId;
    private final Executor recorder;
    private final ArrayBlockingQueue<Packet> queue;
    private final StereoWavWriter writer;
    private final RtpTrack caller;
    private final RtpTrack callee;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private final CompletableFuture<RecordedAudio> done = new CompletableFuture<>();
    private final short[] samples = new short[2048];
    private volatile boolean stopping;
    private boolean failed; // recorder thread only
    private long skipped; // recorder thread only

    RecordingTap(String callId, Path target, Executor recorder, int queueCapacity) {
        this.callId = callId;
        this.recorder = recorder;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new StereoWavWriter(target);
        long start = System.nanoTime();
        this.caller = new RtpTrack(start);
        this.callee = new RtpTrack(start);
    }

    /** On the relay's IO thread: copies the RTP packet at {@code rtp}'s position (not moving it) and queues it. */
    void offer(Side side, ByteBuffer rtp, long arrivalNanos) {
        if (stopping) return;
        byte[] copy = new byte[rtp.remaining()];
        rtp.get(rtp.position(), copy);
        if (!queue.offer(new Packet(side, copy, arrivalNanos))) {
            dropped.increment();
            return;
        }
        schedule();
    }

    @Override
    public CompletableFuture<RecordedAudio> stop() {
        stopping = true;
        schedule();
        return done;
    }

    boolean isStopping() {
        return stopping;
    }

    @Override
    public long packetsDropped() {
        return dropped.sum();
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) return;
        try {
            recorder.execute(this::drain);
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
            if (stopping && !done.isDone()) {
                writer.abort();
                done.completeExceptionally(e); // the relay is shutting down without its recorder
            }
        }
    }

    /** On the recorder's executor: one drain at a time per call (the {@code scheduled} flag). */
    private void drain() {
        try {
            Packet p;
            while ((p = queue.poll()) != null) write(p);
            if (stopping && !done.isDone()) finish();
        } finally {
            scheduled.set(false);
        }
        if (!queue.isEmpty() || (stopping && !done.isDone())) schedule();
    }

    private void write(Packet p) {
        if (failed) return;
        ByteBuffer b = ByteBuffer.wrap(p.data());
        int payload = RtpTrack.payloadOffset(b);
        int pt = p.data().length > 1 ? p.data()[1] & 0x7f : -1;
        int length = payload < 0 ? 0 : RtpTrack.payloadEnd(b) - payload;
        if (length <= 0 || (pt != 0 && pt != 8)) {
            skipped++; // RFC 4733 telephone-event, RFC 3389 comfort noise (13), other codecs, malformed
            return;
        }
        int n = Math.min(length, samples.length);
        for (int i = 0; i < n; i++) {
            byte x = p.data()[payload + i];
            samples[i] = pt == 0 ? G711.ulawDecode(x) : G711.alawDecode(x);
        }
        RtpTrack track = p.side() == Side.CALLER ? caller : callee;
        long position = track.position(b.getInt(8), b.getInt(4) & 0xffff_ffffL, p.arrivalNanos());
        try {
            writer.put(p.side() == Side.CALLER ? 0 : 1, position, samples, n);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void finish() {
        if (failed) return;
        try {
            Path file = writer.finish();
            done.complete(new RecordedAudio(file, writer.frames(), dropped.sum(), skipped));
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        failed = true;
        log.warn("Call {}: recording abandoned: {}", callId, e.toString());
        writer.abort();
        done.completeExceptionally(e);
    }
}
