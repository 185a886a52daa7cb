package org.tandem.media.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.jitsi.service.libjitsi.LibJitsi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.ConferenceMixer;
import org.tandem.media.MediaEngine;
import org.tandem.media.MediaEvents;
import org.tandem.media.MediaProperties;
import org.tandem.media.MediaSession;
import org.tandem.media.NoCommonCodecException;
import org.tandem.media.concurrent.WorkerPools;
import org.tandem.media.host.HostAddress;
import org.tandem.media.internal.jmf.JmfPrefix;
import org.tandem.media.sdp.Direction;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.SdesPolicy;
import org.tandem.media.srtp.SrtpMode;

/**
 * The engine: libjitsi for RTP/RTCP transport, our nodes for codecs, player, recorder, DTMF and mixing,
 * two named bounded pools — the media clock (one thread, every 10 ms while a session or a conference exists:
 * senders, mixers, RTP timeouts; an idle appliance has no tick) and the media IO pool (WAV reads and writes, stream
 * teardown).
 */
public final class JitsiMediaEngine implements MediaEngine {

    private static final Logger log = LoggerFactory.getLogger(JitsiMediaEngine.class);
    private static final long TICK_MILLIS = 10;
    /** WAV reads and writes, stream teardown: a full queue refuses (a teardown then runs inline, a write fails). */
    private static final int IO_THREADS = 2;

    private static final int IO_QUEUE = 1000;
    /** Multicast pages stay on the local network: no router forwards them (RFC 1112 §6.1). */
    private static final int MULTICAST_TTL = 1;

    private static final Object START_LOCK = new Object();
    private static boolean libJitsiStarted;
    /** Held strongly: java.util.logging forgets a logger's level when nothing references it. */
    private static final java.util.logging.Logger JITSI_LOG = java.util.logging.Logger.getLogger("org.jitsi");

    private final MediaProperties properties;
    private final SrtpMode srtpMode;
    /** the configured c= address, or null to follow the host's current address */
    private final InetAddress configuredAddress;

    private final HostAddress hostAddress;
    private final PortAllocator allocator;
    private final ScheduledThreadPoolExecutor clock;
    private final ThreadPoolExecutor io;
    private final Set<RtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<ConferenceBridge> conferences = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;
    private long ticks;
    /** The 10 ms tick while there is media; null when idle (guarded by {@code this}). */
    private ScheduledFuture<?> ticking;

    private final AtomicInteger recordings = new AtomicInteger();

    public JitsiMediaEngine(MediaProperties properties) {
        this(properties, PortAllocator.of(properties));
    }

    /** @param allocator the RTP port range, shared with the media relay */
    public JitsiMediaEngine(MediaProperties properties, PortAllocator allocator) {
        this(properties, allocator, SrtpMode.OPTIONAL);
    }

    /** @param srtpMode {@code tandem.media.srtp}: SDES-keyed SRTP for phones on SIP-TLS (issue 22) */
    public JitsiMediaEngine(MediaProperties properties, PortAllocator allocator, SrtpMode srtpMode) {
        this(properties, allocator, srtpMode, HostAddress.detect());
    }

    /** @param hostAddress the host's current address, the c= address unless one is configured (issue 21) */
    public JitsiMediaEngine(
            MediaProperties properties, PortAllocator allocator, SrtpMode srtpMode, HostAddress hostAddress) {
        this(properties, allocator, srtpMode, hostAddress, WorkerPools.plain());
    }

    /** @param pools where the media clock and the media IO pool are made (the application's: measured, watched) */
    public JitsiMediaEngine(
            MediaProperties properties,
            PortAllocator allocator,
            SrtpMode srtpMode,
            HostAddress hostAddress,
            WorkerPools pools) {
        this.srtpMode = srtpMode;
        this.hostAddress = hostAddress;
        this.properties = properties;
        this.allocator = allocator;
        try {
            this.configuredAddress = properties.advertisedAddress().isBlank()
                    ? null
                    : InetAddress.getByName(properties.advertisedAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("tandem.media.bind-address/advertised-address: " + e.getMessage(), e);
        }
        this.timeoutNanos = properties.rtpTimeout().toNanos();
        this.clock = pools.timer("tandem-media-clock");
        this.io = pools.pool("tandem-media-io", IO_THREADS, IO_QUEUE);
        removeLeftoverRecordings(properties.recordingDir());
    }

    /**
     * Recordings a crash (kill -9) left unfinished in this appliance's own recording directory: nobody owns them
     * any more. Not in the shared java.io.tmpdir, where other processes' recordings may be under way.
     */
    private static void removeLeftoverRecordings(Path dir) {
        if (dir.toAbsolutePath()
                        .normalize()
                        .equals(Path.of(System.getProperty("java.io.tmpdir"))
                                .toAbsolutePath()
                                .normalize())
                || !Files.isDirectory(dir)) {
            return;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "tandem-rec-*.wav")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                removed++;
            }
        } catch (IOException e) {
            log.warn("Cannot clear leftover recordings in {}: {}", dir, e.getMessage());
        }
        if (removed > 0) log.info("Removed {} unfinished recording(s) left in {} by an earlier stop", removed, dir);
    }

    /** docs/media/libjitsi.md: these must be set before LibJitsi.start(), else the JVM dies on PulseAudio. */
    static void startLibJitsi() {
        synchronized (START_LOCK) {
            if (libJitsiStarted) return;
            System.setProperty("org.jitsi.impl.neomedia.device.PulseAudioSystem.disabled", "true");
            System.setProperty("org.jitsi.impl.neomedia.device.PortAudioSystem.disabled", "true");
            System.setProperty("org.jitsi.impl.neomedia.device.Video4Linux2System.disabled", "true");
            System.setProperty("net.java.sip.communicator.service.media.DISABLE_VIDEO_SUPPORT", "true");
            System.setProperty("net.java.sip.communicator.impl.neomedia.audioSystem", "audiosilence");
            // libjitsi logs every system property at INFO when it starts (passwords given as -D included)
            JITSI_LOG.setLevel(Level.WARNING);
            LibJitsi.start();
            LibJitsi.getMediaService(); // registers libjitsi's JMF prefixes; ours goes ahead of them
            JmfPrefix.registerFirst(); // RTCP that survives a close racing a report (internal.jmf)
            libJitsiStarted = true;
        }
    }

    @Override
    public MediaSession answer(String sdpOffer, MediaEvents events, Executor callbackExecutor)
            throws NoCommonCodecException {
        return answer(sdpOffer, null, events, callbackExecutor);
    }

    @Override
    public MediaSession answer(
            String sdpOffer, InetAddress signallingSource, MediaEvents events, Executor callbackExecutor)
            throws NoCommonCodecException {
        return answer(sdpOffer, signallingSource, false, events, callbackExecutor);
    }

    @Override
    public MediaSession answer(
            String sdpOffer,
            InetAddress signallingSource,
            boolean secureSignalling,
            MediaEvents events,
            Executor callbackExecutor)
            throws NoCommonCodecException {
        return open(
                sdpOffer,
                signallingSource,
                new SdesPolicy(srtpMode, secureSignalling),
                events,
                callbackExecutor,
                ports -> {});
    }

    /**
     * The engine answers offers only, so the group is described as an offer from a party that only receives (RFC
     * 3264 §6.1: recvonly is answered sendonly, so no RTP is expected back and the session never times out) at the
     * group's address (RFC 4566 §5.7 allows a multicast c=), with PCMU in 20 ms packets (RFC 3551 §4.5.14).
     */
    @Override
    public MediaSession multicast(InetSocketAddress group, NetworkInterface via, Executor callbackExecutor) {
        if (!(group.getAddress() instanceof Inet4Address) || !group.getAddress().isMulticastAddress()) {
            throw new IllegalArgumentException(group + " is not an IPv4 multicast group");
        }
        String host = group.getAddress().getHostAddress();
        String offer = SessionDescription.create("-", 0, 0, "-", host)
                .add(MediaDescription.create("audio", group.getPort(), "RTP/AVP", List.of("0"))
                        .addAttribute("rtpmap", "0 PCMU/8000")
                        .addAttribute("ptime", "20")
                        .setDirection(Direction.RECVONLY))
                .toString();
        try {
            return open(offer, null, new SdesPolicy(SrtpMode.OPTIONAL, false), null, callbackExecutor, ports -> {
                for (DatagramSocket socket : List.of(ports.rtp(), ports.rtcp())) {
                    // RFC 1112 §6.1: the interface it leaves by, and how many routers it may cross
                    if (via != null) socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, via);
                    socket.setOption(StandardSocketOptions.IP_MULTICAST_TTL, MULTICAST_TTL);
                }
            });
        } catch (NoCommonCodecException e) {
            throw new IllegalStateException("PCMU must always be negotiable", e);
        }
    }

    /** What a session's sockets need before its first packet. */
    private interface SocketSetup {
        void apply(PortAllocator.PortPair ports) throws IOException;
    }

    private MediaSession open(
            String sdpOffer,
            InetAddress signallingSource,
            SdesPolicy srtpPolicy,
            MediaEvents events,
            Executor callbackExecutor,
            SocketSetup setup)
            throws NoCommonCodecException {
        Objects.requireNonNull(callbackExecutor, "callbackExecutor: where media events run (the call's stripe)");
        startLibJitsi();
        long sessionId = System.currentTimeMillis();
        // negotiate first (port 0 placeholder) so a bad offer never takes a port
        OfferAnswer.answer(sdpOffer, advertisedAddress(), 0, sessionId, 1, srtpPolicy, null);
        PortAllocator.PortPair ports = allocator.allocate();
        RtpSession session;
        try {
            setup.apply(ports);
            OfferAnswer.Negotiated media =
                    OfferAnswer.answer(sdpOffer, advertisedAddress(), ports.rtpPort(), sessionId, 1, srtpPolicy, null);
            session = new RtpSession(
                    this,
                    ports,
                    sessionId,
                    media,
                    events == null ? new MediaEvents() {} : events,
                    callbackExecutor,
                    signallingSource,
                    srtpPolicy);
            sessions.add(session);
            clockOn();
            session.start();
        } catch (RuntimeException | IOException e) {
            ports.rtp().close();
            ports.rtcp().close();
            allocator.release(ports.rtpPort());
            if (e instanceof IOException io) throw new UncheckedIOException("Cannot set up the RTP socket", io);
            throw (RuntimeException) e;
        }
        return session;
    }

    @Override
    public ConferenceMixer createConference() {
        ConferenceBridge bridge = new ConferenceBridge(this);
        conferences.add(bridge);
        clockOn();
        return bridge;
    }

    @Override
    public int openSessions() {
        return sessions.size();
    }

    @Override
    public int recordingsInProgress() {
        return recordings.get();
    }

    void recordingStarted() {
        recordings.incrementAndGet();
    }

    void recordingEnded() {
        recordings.decrementAndGet();
    }

    /** Port pairs in use, including sessions still being torn down. */
    public int portsInUse() {
        return allocator.inUse();
    }

    /**
     * Starts the tick when media appears. An always-running 10 ms tick was a third of an idle appliance's CPU
     * (0.4 s per minute of 1.25 s, issue 23); a session or conference added while the tick is being stopped
     * starts it again, as both run under this lock.
     */
    private synchronized void clockOn() {
        if (ticking == null && !clock.isShutdown()) {
            ticking = clock.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void clockOffWhenIdle() {
        if (ticking != null && sessions.isEmpty() && conferences.isEmpty()) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /** Whether the media clock ticks (for tests: an idle engine must not). */
    public synchronized boolean clockRunning() {
        return ticking != null;
    }

    private void tick() {
        long now = System.nanoTime();
        for (RtpSession s : sessions) {
            try {
                s.tick(now, timeoutNanos);
            } catch (RuntimeException e) {
                log.warn("Media tick failed for port {}", s.localRtpPort(), e);
            }
        }
        if (++ticks % 2 == 0) {
            for (ConferenceBridge c : conferences) {
                try {
                    c.tick();
                } catch (RuntimeException e) {
                    log.warn("Conference mix failed", e);
                }
            }
        }
    }

    /** RFC 4566 §5.7: the c= address, read per answer so that it follows the host's address. */
    InetAddress advertisedAddress() {
        return configuredAddress != null ? configuredAddress : hostAddress.currentInet();
    }

    PortAllocator allocator() {
        return allocator;
    }

    Executor io() {
        return io;
    }

    Path newRecordingFile() throws IOException {
        Files.createDirectories(properties.recordingDir());
        return Files.createTempFile(properties.recordingDir(), "tandem-rec-", ".wav");
    }

    void removeConference(ConferenceBridge bridge) {
        conferences.remove(bridge);
        clockOffWhenIdle();
    }

    /** Forgets a closed session and tears its stream down on the IO pool (never on the owner's thread). */
    void release(RtpSession session, Runnable teardown) {
        sessions.remove(session);
        clockOffWhenIdle();
        try {
            io.execute(teardown);
        } catch (RejectedExecutionException e) {
            teardown.run();
        }
    }

    @Override
    public void close() {
        for (RtpSession s : sessions) s.close();
        clock.shutdown();
        io.shutdown();
        try {
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) io.shutdownNow();
            if (!clock.awaitTermination(1, TimeUnit.SECONDS)) clock.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
