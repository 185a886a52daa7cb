package org.tandem.media.internal;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tandem.media.ConferenceMixer;
import org.tandem.media.MediaSession;

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
        for (int i = 0; i < count; i++) {
            SampleQueue queue = ((Participant) snapshot[i]).session.conferenceOut();
            if (queue != null) queue.offer(out[i], FRAME);
        }
    }

    @Override
    public void close() {
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
