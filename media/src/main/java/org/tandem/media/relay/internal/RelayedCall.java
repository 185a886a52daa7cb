package org.tandem.media.relay.internal;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.internal.AudioCodec;
import org.tandem.media.relay.CallRecording;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.Side;
import org.tandem.media.relay.Transcoding;

/** A relayed call: its two faces, on one IO loop so all its packets are handled by one thread. */
final class RelayedCall implements RelayCall {

    private static final Logger log = LoggerFactory.getLogger(RelayedCall.class);

    private final String callId;
    final Face caller;
    final Face callee;
    private final RelayLoop loop;
    private final RelayEvents events;
    private final Executor callbacks;
    private final Executor recorder;
    private volatile boolean closed;
    volatile RecordingTap tap;
    volatile OpusTranscoder transcoder; // read by the IO loop, replaced from the call's SIP stripe
    // the offer/answer pair a dead stream was last reported for: a new one (re-INVITE, the answer) re-arms it
    private Expectation reportedCaller;
    private Expectation reportedCallee;

    RelayedCall(
            String callId,
            Face caller,
            Face callee,
            RelayLoop loop,
            RelayEvents events,
            Executor callbacks,
            Executor recorder,
            DtlsFaces dtls) {
        for (Face f : new Face[] {caller, callee}) {
            f.dtlsFaces = dtls;
            f.dtlsFailed = reason -> reportDtlsFailure(f.side, reason);
        }
        this.callId = callId;
        this.recorder = recorder;
        this.caller = caller;
        this.callee = callee;
        this.loop = loop;
        this.events = events;
        this.callbacks = callbacks;
    }

    @Override
    public Face leg(Side side) {
        return side == Side.CALLER ? caller : callee;
    }

    Face other(Face face) {
        return face == caller ? callee : caller;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized CallRecording record(Path target) {
        if (closed) throw new IllegalStateException("call " + callId + " is closed");
        RecordingTap running = tap;
        if (running != null && !running.isStopping()) {
            throw new IllegalStateException("call " + callId + " is already being recorded");
        }
        RecordingTap started = new RecordingTap(callId, target, recorder, RecordingTap.QUEUE);
        tap = started; // the IO loop copies from its next packet on; a stopped tap ignores what it is still handed
        return started;
    }

    @Override
    public void watchKeys(Side side, String code, Set<Integer> eventTypes, Runnable onCode) {
        Face face = leg(side);
        if (code == null) {
            face.keys = null;
            return;
        }
        KeyCodeWatch watch = new KeyCodeWatch(code, eventTypes, () -> {
            if (closed) return;
            try {
                callbacks.execute(onCode);
            } catch (RejectedExecutionException e) {
                log.warn("Call {}: cannot report the key code of the {} (its executor refused)", callId, side);
            }
        });
        face.keys = watch; // the IO loop takes it from its next packet on
    }

    @Override
    public void announce(short[] samples) {
        if (closed || samples == null || samples.length == 0) return;
        caller.announcement.set(new Announcement(samples));
        callee.announcement.set(new Announcement(samples));
    }

    @Override
    public synchronized void transcode(Transcoding transcoding) {
        OpusTranscoder current = transcoder;
        if (current != null && current.transcoding.equals(transcoding)) return;
        if (transcoding != null && !AudioCodec.opusAvailable()) {
            throw new IllegalStateException("Opus is not available on this machine: cannot transcode");
        }
        transcoder = transcoding == null || closed ? null : new OpusTranscoder(transcoding);
        if (current != null) current.close(); // synchronized coder: waits for a packet the loop is converting
    }

    @Override
    public boolean canTranscode() {
        return AudioCodec.opusAvailable();
    }

    @Override
    public Transcoding transcoding() {
        OpusTranscoder t = transcoder;
        return t == null ? null : t.transcoding;
    }

    @Override
    public CallRecording recording() {
        RecordingTap t = tap;
        return t == null || t.isStopping() ? null : t;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        RecordingTap t = tap;
        tap = null;
        if (t != null) t.stop(); // what was recorded is kept: the file is finished
        OpusTranscoder coder = transcoder;
        transcoder = null;
        if (coder != null) coder.close();
        caller.closeDtls();
        callee.closeDtls();
        loop.remove(this); // a no-op while the relay is closing all calls
    }

    private void reportDtlsFailure(Side side, String reason) {
        if (closed) return;
        log.info("Call {}: DTLS-SRTP with the {} failed: {}", callId, side, reason);
        if (events == null) return;
        try {
            callbacks.execute(() -> events.dtlsFailed(side, reason));
        } catch (RejectedExecutionException e) {
            log.warn("Call {}: cannot report the failed DTLS handshake of the {} (its executor refused)", callId, side);
        }
    }

    /**
     * On the IO loop, about once a second. Silence counts once both parties have said where they take media (a phone
     * sends nothing while it rings), and is reported once per offer/answer pair.
     */
    void checkDead(long timeoutNanos, long now) {
        Expectation ce = caller.expectation;
        Expectation ee = callee.expectation;
        if (closed || ce == null || ee == null || (ce == reportedCaller && ee == reportedCallee)) return;
        long since = Math.max(ce.sinceNanos, ee.sinceNanos);
        Face silent = caller.isSilentFor(timeoutNanos, now, since)
                ? caller
                : callee.isSilentFor(timeoutNanos, now, since) ? callee : null;
        if (silent == null) return;
        reportedCaller = ce;
        reportedCallee = ee;
        Side side = silent.side;
        if (events == null) return; // the owner listens to nothing
        try {
            callbacks.execute(() -> events.streamDead(side));
        } catch (RejectedExecutionException e) {
            log.warn("Call {}: cannot report the dead stream of the {} (its executor refused)", callId, side);
        }
    }
}
