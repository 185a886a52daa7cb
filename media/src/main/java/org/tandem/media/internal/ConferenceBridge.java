package org.tandem.media.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.tandem.media.ConferenceMixer;
import org.tandem.media.MediaSession;
import org.tandem.media.RecordOptions;
import org.tandem.media.Recording;
import org.tandem.media.Wav;

/**
 * A conference mixer on the engine clock: every 20 ms it takes one frame from each participant's inbound
 * queue, mixes N-1 ({@link AudioMix}) and queues each result for that participant's sender.
 */
final class ConferenceBridge implements ConferenceMixer {

    static final int FRAME = 160; // 20 ms at 8 kHz

    private static final class Participant {
        final RtpSession session;
        volatile boolean muted;

        Participant(RtpSession session) {
            this.session = session;
        }
    }

    private final JitsiMediaEngine engine;
    private final CopyOnWriteArrayList<Participant> participants = new CopyOnWriteArrayList<>();

    ConferenceBridge(JitsiMediaEngine engine) {
        this.engine = engine;
    }

    @Override
    public void join(MediaSession session) {
        RtpSession s = (RtpSession) session;
        if (s.isClosed() || find(s) != null) return;
        s.enterConference(this);
        participants.add(new Participant(s));
    }

    @Override
    public void leave(MediaSession session) {
        Participant p = find(session);
        if (p == null) return;
        participants.remove(p);
        p.session.leaveConference();
    }

    @Override
    public void mute(MediaSession session, boolean muted) {
        Participant p = find(session);
        if (p != null) p.muted = muted;
    }

    @Override
    public Set<MediaSession> participants() {
        Set<MediaSession> all = new LinkedHashSet<>();
        for (Participant p : participants) all.add(p.session);
        return Collections.unmodifiableSet(all);
    }

    /** One mixing step. Clock thread only. */
    void tick() {
        Object[] snapshot = participants.toArray();
        int count = snapshot.length;
        if (count == 0) return;
        short[][] in = new short[count][];
        short[][] out = new short[count][FRAME];
        boolean[] muted = new boolean[count];
        for (int i = 0; i < count; i++) {
            Participant p = (Participant) snapshot[i];
            SampleQueue queue = p.session.conferenceIn();
            short[] frame = new short[FRAME];
            in[i] = queue != null && queue.poll(frame, FRAME) ? frame : null;
            muted[i] = p.muted;
        }
        AudioMix.mix(in, muted, out, FRAME);
        recordTick(in, muted);
        for (int i = 0; i < count; i++) {
            SampleQueue queue = ((Participant) snapshot[i]).session.conferenceOut();
            if (queue != null) queue.offer(out[i], FRAME);
        }
    }

    // ---- recording the room: the clock thread appends, the IO pool writes, the owner's executor completes

    private final Object recordLock = new Object();
    private RecorderNode recorder;
    private CompletableFuture<Recording> recording;
    private Executor recordingCallbacks;

    @Override
    public CompletionStage<Recording> record(Duration maxLength, Executor callbackExecutor) {
        CompletableFuture<Recording> done = new CompletableFuture<>();
        synchronized (recordLock) {
            finishRecording(Recording.StopReason.STOPPED);
            recorder = new RecorderNode(new RecordOptions(maxLength, null, ""));
            recording = done;
            recordingCallbacks = callbackExecutor;
        }
        return done;
    }

    @Override
    public void stopRecording() {
        synchronized (recordLock) {
            finishRecording(Recording.StopReason.STOPPED);
        }
    }

    private void recordTick(short[][] in, boolean[] muted) {
        synchronized (recordLock) {
            if (recorder == null) return;
            short[] all = AudioMix.sum(in, muted, FRAME);
            Recording.StopReason done = recorder.append(all, FRAME);
            if (done != null) finishRecording(done);
        }
    }

    // under recordLock
    private void finishRecording(Recording.StopReason reason) {
        if (recorder == null) return;
        RecorderNode node = recorder;
        CompletableFuture<Recording> done = recording;
        Executor callbacks = recordingCallbacks;
        recorder = null;
        recording = null;
        try {
            engine.io().execute(() -> {
                try {
                    Path file = engine.newRecordingFile();
                    Wav.write(file, node.samples(), node.count());
                    Recording result =
                            new Recording(file, Duration.ofMillis(node.count() * 1000L / Wav.SAMPLE_RATE), reason);
                    callbacks.execute(() -> done.complete(result));
                } catch (Exception e) {
                    callbacks.execute(() -> done.completeExceptionally(e));
                }
            });
        } catch (RejectedExecutionException e) {
            callbacks.execute(() -> done.completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        synchronized (recordLock) {
            finishRecording(Recording.StopReason.SESSION_CLOSED);
        }
        for (Participant p : participants) leave(p.session);
        engine.removeConference(this);
    }

    private Participant find(MediaSession session) {
        for (Participant p : participants) {
            if (p.session == session) return p;
        }
        return null;
    }
}
