package org.tandem.media.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jitsi.service.neomedia.RawPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaEvents;
import org.tandem.media.MediaSession;
import org.tandem.media.NoCommonCodecException;
import org.tandem.media.PlaybackOutcome;
import org.tandem.media.RecordOptions;
import org.tandem.media.Recording;
import org.tandem.media.Recording.StopReason;
import org.tandem.media.Wav;
import org.tandem.media.srtp.SdesPolicy;

/**
 * One answered audio stream. Three kinds of threads touch it: libjitsi's receive thread ({@link #onRtp}),
 * the engine clock ({@link #tick}) and the owner (play, record, close). Node state (player, recorder) is
 * guarded by this session's own lock only, held for a few array copies, never across I/O or callbacks.
 * Files are read and written on the engine's IO pool; events and completions go to the owner's executor. The
 * outgoing stream's pacing and headers are {@link RtpSender}'s.
 */
final class RtpSession implements MediaSession {

    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);

    private final JitsiMediaEngine engine;
    private final PortAllocator.PortPair ports;
    private final MediaEvents events;
    private final Executor callbacks;
    private final JitsiRtpTransport transport;
    private final long sessionId;
    private final Object lock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger playGeneration = new AtomicInteger();
    private final DtmfDetector dtmf = new DtmfDetector(this::digit);

    private volatile OfferAnswer.Negotiated media;
    private final SdesPolicy srtpPolicy; // the dialog's: SIP-TLS or not, tandem.media.srtp
    private volatile FrameCodec coder;
    private long version = 1;
    private volatile long lastReceived = System.nanoTime();

    private final RtpSender sender; // only the clock thread

    // nodes: under lock
    private PlayerNode player;
    private CompletableFuture<PlaybackOutcome> playing;
    private RecorderNode recorder;
    private CompletableFuture<Recording> recording;

    // conference: set by the ConferenceBridge
    private final SymmetricRtp latch;
    private volatile ConferenceBridge conference;
    private volatile SampleQueue conferenceIn;
    private volatile SampleQueue conferenceOut;

    RtpSession(
            JitsiMediaEngine engine,
            PortAllocator.PortPair ports,
            long sessionId,
            OfferAnswer.Negotiated media,
            MediaEvents events,
            Executor callbacks,
            InetAddress signallingSource,
            SdesPolicy srtpPolicy) {
        this.srtpPolicy = srtpPolicy;
        this.engine = engine;
        this.sessionId = sessionId;
        this.ports = ports;
        this.media = media;
        this.events = events;
        this.callbacks = callbacks;
        this.transport =
                new JitsiRtpTransport(ports, media.codec(), media.payloadType(), media.dtmfPayloadType(), this::onRtp);
        transport.srtp(media.srtp()); // before the first packet either way
        this.coder = media.codec().newFrameCodec();
        this.sender = new RtpSender(transport, () -> coder, this::nextFrame);
        this.latch = new SymmetricRtp(signallingSource, media, transport::target);
        if (ports.rtp() instanceof SourceWatchingSocket rtp) rtp.watch(latch::rtpFrom);
        if (ports.rtcp() instanceof SourceWatchingSocket rtcp) rtcp.watch(latch::rtcpFrom);
    }

    void start() {
        transport.start(latch.firstRtpTarget(), latch.firstRtcpTarget());
    }

    @Override
    public String answerSdp() {
        return media.answerSdp();
    }

    @Override
    public boolean isSrtp() {
        return media.secure();
    }

    /** SRTP packets of the party's dropped for failing authentication or replay (RFC 3711 §3.3). */
    long srtpAuthFailures() {
        return transport.srtpAuthFailures();
    }

    @Override
    public int localRtpPort() {
        return ports.rtpPort();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void confirmed() {
        lastReceived = System.nanoTime();
    }

    // ---- receive path (libjitsi's receive thread) ----

    private void onRtp(RawPacket raw) {
        if (closed.get()) return;
        RtpPacket packet = RtpPacket.parse(raw.getBuffer(), raw.getOffset(), raw.getLength());
        if (packet == null) return;
        lastReceived = System.nanoTime();
        OfferAnswer.Negotiated m = media;
        if (packet.payloadType() == m.dtmfPayloadType()) {
            dtmf.accept(packet);
            return;
        }
        if (packet.payloadType() != m.payloadType()) return; // e.g. comfort noise (RFC 3389)
        short[] pcm = coder.decode(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        SampleQueue in = conferenceIn;
        if (in != null) in.offer(pcm, pcm.length);
        synchronized (lock) {
            if (recorder != null) {
                StopReason done = recorder.append(pcm, pcm.length);
                if (done != null) finishRecording(done);
            }
        }
    }

    private void digit(char digit) {
        synchronized (lock) {
            if (recorder != null && recorder.stopsOn(digit)) finishRecording(StopReason.DIGIT);
        }
        deliver(() -> events.dtmf(digit));
    }

    @Override
    public void dtmfFromSipInfo(char digit) {
        if (DtmfDetector.eventCode(digit) < 0) throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        digit(Character.toUpperCase(digit));
    }

    // ---- send path (the engine clock) ----

    /** Sends the frames due by {@code now} and checks the RTP timeout. Clock thread only. */
    void tick(long now, long timeoutNanos) {
        if (closed.get()) return;
        OfferAnswer.Negotiated m = media;
        if (m.weReceive() && now - lastReceived > timeoutNanos) {
            log.info("No RTP on port {} for {} ms: closing the session", ports.rtpPort(), timeoutNanos / 1_000_000);
            close();
            deliver(events::rtpTimeout);
            return;
        }
        sender.tick(now, m);
    }

    /** The next frame to send: the playing prompt's, else the conference's mix for this party. */
    private boolean nextFrame(short[] frame, int n) {
        boolean filled = false;
        synchronized (lock) {
            if (player != null) {
                filled = player.read(frame, n);
                if (!filled) endPlayback(PlaybackOutcome.FINISHED);
            }
        }
        SampleQueue out = conferenceOut;
        if (!filled && out != null) filled = out.poll(frame, n);
        return filled;
    }

    // ---- player ----

    @Override
    public CompletionStage<PlaybackOutcome> play(Path wav) {
        CompletableFuture<PlaybackOutcome> done = new CompletableFuture<>();
        int generation = playGeneration.incrementAndGet();
        try {
            engine.io().execute(() -> {
                try {
                    short[] samples = Wav.read(wav);
                    startPlayer(samples, done, generation);
                } catch (Exception e) {
                    deliver(() -> done.completeExceptionally(e));
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public CompletionStage<PlaybackOutcome> play(short[] samples) {
        CompletableFuture<PlaybackOutcome> done = new CompletableFuture<>();
        startPlayer(samples.clone(), done, playGeneration.incrementAndGet());
        return done;
    }

    private void startPlayer(short[] samples, CompletableFuture<PlaybackOutcome> done, int generation) {
        synchronized (lock) {
            if (closed.get()) {
                deliver(() -> done.complete(PlaybackOutcome.SESSION_CLOSED));
                return;
            }
            if (generation != playGeneration.get()) { // a newer play or a stop came while the file was read
                deliver(() -> done.complete(PlaybackOutcome.STOPPED));
                return;
            }
            endPlayback(PlaybackOutcome.STOPPED);
            player = new PlayerNode(samples);
            playing = done;
        }
    }

    @Override
    public void stopPlayback() {
        playGeneration.incrementAndGet();
        synchronized (lock) {
            endPlayback(PlaybackOutcome.STOPPED);
        }
    }

    // under lock
    private void endPlayback(PlaybackOutcome outcome) {
        if (player == null) return;
        CompletableFuture<PlaybackOutcome> done = playing;
        player = null;
        playing = null;
        deliver(() -> done.complete(outcome));
    }

    // ---- recorder ----

    @Override
    public CompletionStage<Recording> record(RecordOptions options) {
        CompletableFuture<Recording> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed.get()) {
                done.completeExceptionally(new IllegalStateException("the media session is closed"));
                return done;
            }
            finishRecording(StopReason.STOPPED);
            recorder = new RecorderNode(options);
            recording = done;
            engine.recordingStarted();
        }
        return done;
    }

    @Override
    public void stopRecording() {
        synchronized (lock) {
            finishRecording(StopReason.STOPPED);
        }
    }

    // under lock: detach the recorder, write its WAV on the IO pool, complete on the owner's executor
    private void finishRecording(StopReason reason) {
        if (recorder == null) return;
        RecorderNode node = recorder;
        CompletableFuture<Recording> done = recording;
        recorder = null;
        recording = null;
        engine.recordingEnded();
        Runnable write = () -> {
            try {
                Path file = engine.newRecordingFile();
                Wav.write(file, node.samples(), node.count());
                Recording result =
                        new Recording(file, Duration.ofMillis(node.count() * 1000L / Wav.SAMPLE_RATE), reason);
                deliver(() -> done.complete(result));
            } catch (Exception e) {
                deliver(() -> done.completeExceptionally(e));
            }
        };
        try {
            engine.io().execute(write);
        } catch (RejectedExecutionException e) {
            deliver(() -> done.completeExceptionally(e));
        }
    }

    // ---- re-INVITE, conference, close ----

    @Override
    public String updateRemote(String sdpOffer) throws NoCommonCodecException {
        synchronized (lock) {
            OfferAnswer.Negotiated n = OfferAnswer.answer(
                    sdpOffer,
                    engine.advertisedAddress(),
                    ports.rtpPort(),
                    sessionId,
                    version + 1,
                    srtpPolicy,
                    media.srtp());
            version++; // only for an offer we answer (RFC 3264 §8: o= version +1 per new SDP)
            transport.srtp(n.srtp()); // RFC 4568 §7.1.4: the re-offer's keys from now on
            boolean resumed = n.weReceive() && !media.weReceive();
            latch.newOffer(n); // targets the new SDP address until the party's packets say otherwise
            if (resumed) lastReceived = System.nanoTime();
            if (n.codec() != media.codec()) {
                FrameCodec old = coder;
                coder = n.codec().newFrameCodec();
                old.close();
            }
            media = n;
            return n.answerSdp();
        }
    }

    void enterConference(ConferenceBridge bridge) {
        // 60 ms prebuffer, 200 ms cap: rides out scheduling hiccups of a busy host, bounds the delay
        conferenceIn = new SampleQueue(1600, 480);
        conferenceOut = new SampleQueue(1600, 480);
        conference = bridge;
    }

    void leaveConference() {
        conference = null;
        conferenceIn = null;
        conferenceOut = null;
    }

    SampleQueue conferenceIn() {
        return conferenceIn;
    }

    SampleQueue conferenceOut() {
        return conferenceOut;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        ConferenceBridge bridge = conference;
        if (bridge != null) bridge.leave(this);
        synchronized (lock) {
            endPlayback(PlaybackOutcome.SESSION_CLOSED);
            finishRecording(StopReason.SESSION_CLOSED); // a hang-up ends a voicemail: the message is kept
        }
        engine.release(this, () -> {
            try {
                transport.close();
                coder.close();
            } finally {
                engine.allocator().release(ports.rtpPort());
            }
        });
    }

    private void deliver(Runnable callback) {
        try {
            callbacks.execute(callback);
        } catch (RejectedExecutionException e) {
            log.warn("Media event for port {} dropped: the owner's executor refused it", ports.rtpPort());
        }
    }
}
