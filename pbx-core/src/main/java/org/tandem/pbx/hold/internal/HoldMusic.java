package org.tandem.pbx.hold.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaEngine;
import org.tandem.media.MediaEvents;
import org.tandem.media.MediaSession;
import org.tandem.media.NoCommonCodecException;
import org.tandem.media.PlaybackOutcome;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.hold.MusicOnHold;
import org.tandem.pbx.prompt.Prompts;

/**
 * Music on hold with the media engine. The hold offer is answered by a new session (which learns the holder's
 * formats); the offer forwarded to the held phone points at that session; the held phone's answer becomes the
 * session's remote side ({@code updateRemote}: it is recvonly, so we only send) and the music loops until the
 * holder's next re-INVITE (resume) or the BYE. One session per holding end of a call.
 */
public final class HoldMusic implements MusicOnHold {

    private static final Logger log = LoggerFactory.getLogger(HoldMusic.class);

    private final MediaEngine engine;
    private final Prompts prompts;
    private final SerialExecutors stripes;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private static final class Held {
        final MediaSession session;
        final long cseq;
        boolean playing;

        Held(MediaSession session, long cseq) {
            this.session = session;
            this.cseq = cseq;
        }
    }

    public HoldMusic(MediaEngine engine, Prompts prompts, SerialExecutors stripes) {
        this.engine = engine;
        this.prompts = prompts;
        this.stripes = stripes;
    }

    @Override
    public String onReInvite(String callId, String holder, long cseq, String sdp) {
        String key = callId + " " + holder;
        stop(held.remove(key)); // a resume, or a new hold offer: the music so far ends
        if (sdp == null || sdp.isBlank() || !HoldSdp.isHold(sdp)) return null;
        Executor stripe = task -> stripes.execute(callId, task);
        try {
            MediaSession session = engine.answer(sdp, new MediaEvents() {}, stripe);
            held.put(key, new Held(session, cseq));
            return HoldSdp.pointAudioAt(sdp, advertisedHost(session), session.localRtpPort());
        } catch (NoCommonCodecException | RuntimeException e) {
            log.info("Call {}: no music on hold ({}); the hold goes through unchanged", callId, e.getMessage());
            return null;
        }
    }

    @Override
    public void onAnswer(String callId, String holder, long cseq, int status, String sdp) {
        String key = callId + " " + holder;
        Held h = held.get(key);
        if (h == null || h.cseq != cseq) return;
        if (status < 200 || status >= 300 || sdp == null || sdp.isBlank()) {
            stop(held.remove(key));
            return;
        }
        try {
            h.session.updateRemote(sdp);
        } catch (NoCommonCodecException | RuntimeException e) {
            log.info("Call {}: the held phone's answer does not fit music on hold ({})", callId, e.getMessage());
            stop(held.remove(key));
            return;
        }
        h.playing = true;
        loop(h);
    }

    private void loop(Held h) {
        if (h.session.isClosed()) return;
        h.session.play(prompts.get("moh-default")).whenComplete((outcome, error) -> {
            if (error == null && outcome == PlaybackOutcome.FINISHED) loop(h);
        });
    }

    @Override
    public void onBye(String callId) {
        held.keySet().removeIf(key -> {
            if (!key.startsWith(callId + " ")) return false;
            stop(held.get(key));
            return true;
        });
    }

    @Override
    public int playing() {
        return (int) held.values().stream().filter(h -> h.playing).count();
    }

    private static void stop(Held h) {
        if (h != null) h.session.close();
    }

    /** The c= address: the engine's answer carries it (tandem.media.advertised-address). */
    private static String advertisedHost(MediaSession session) {
        SessionDescription answer = SessionDescription.parse(session.answerSdp());
        return answer.connectionOf(answer.firstAudio());
    }
}
