package org.tandem.media.relay.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.tandem.media.dtls.DtlsHandshake;
import org.tandem.media.ice.IceCredentials;
import org.tandem.media.ice.IceLiteResponder;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.LegStats;
import org.tandem.media.relay.RelayLeg;
import org.tandem.media.relay.Side;
import org.tandem.media.srtp.SdesCrypto;

/**
 * The relay's face towards one party: its RTP and RTCP channels, what the party's last offer or answer said, and the
 * counters. Packets are handled by the call's IO loop only; {@link #expect} and {@link #setHeld} come from the call's
 * SIP stripe and publish through volatile fields.
 */
final class Face implements RelayLeg {

    final Side side;
    final PortAllocator.ChannelPair channels;
    private final boolean latchAny;
    volatile Expectation expectation;
    volatile IceLiteResponder ice;
    volatile boolean held;
    volatile long lastRtpNanos;
    final RtpReception reception = new RtpReception();
    final RtcpReports reports = new RtcpReports();
    // written by the one IO thread, read anywhere
    volatile long packetsReceived;
    volatile long bytesReceived;
    volatile long packetsSent;
    volatile long bytesSent;
    final LongAdder dropped = new LongAdder();
    final LongAdder srtpAuthFailures = new LongAdder();
    volatile SrtpFace srtp;
    volatile KeyCodeWatch keys; // issue 18: a key code the party may dial during the call (*1), or null
    // issue 18: an announcement being played to this face's party ("this call is being recorded"), or null
    final AtomicReference<Announcement> announcement = new AtomicReference<>();
    // DTLS-SRTP (RFC 5764): the handshake of this face, the fingerprint it checks, where the party's DTLS came from
    volatile DtlsHandshake dtls;
    private volatile String dtlsFingerprint;
    volatile InetSocketAddress dtlsPeer;
    DtlsFaces dtlsFaces; // set once by the call, before any use
    Consumer<String> dtlsFailed = r -> {}; // set once by the call: reports to its owner

    Face(Side side, PortAllocator.ChannelPair channels, boolean latchAny) {
        this.side = side;
        this.channels = channels;
        this.latchAny = latchAny;
    }

    @Override
    public int localRtpPort() {
        return channels.rtpPort();
    }

    @Override
    public void expect(
            InetSocketAddress sdpRtp,
            InetSocketAddress sdpRtcp,
            boolean rtcpMux,
            InetAddress signallingSource,
            int clockRate) {
        expectation = new Expectation(
                sdpRtp, sdpRtcp, rtcpMux, signallingSource, clockRate, latchAny, System.nanoTime(), expectation);
    }

    @Override
    public void iceLite(IceCredentials local, IceCredentials remote) {
        IceLiteResponder current = ice;
        if (local == null) {
            ice = null;
        } else if (current == null
                || !current.credentials().equals(local)
                || !Objects.equals(current.remoteCredentials(), remote)) {
            ice = new IceLiteResponder(local, remote); // an ICE restart (new credentials) gets a new responder
        }
    }

    @Override
    public void srtp(SdesCrypto received, SdesCrypto sent) {
        if (dtls != null) return; // a DTLS face's keys come from its handshake, never from SDP
        srtp = SrtpFace.of(received, sent, srtp);
    }

    @Override
    public synchronized void dtlsSrtp(String peerFingerprint) {
        if (Objects.equals(peerFingerprint, dtlsFingerprint) && (dtls != null || peerFingerprint == null)) {
            return; // the same party again (a re-INVITE): the session and its keys stay
        }
        DtlsHandshake old = dtls;
        if (old != null) old.close();
        srtp = null;
        dtlsFingerprint = peerFingerprint;
        if (peerFingerprint == null) {
            dtls = null;
            return;
        }
        String expected = peerFingerprint;
        dtls = DtlsHandshake.start(
                dtlsFaces.certificate(),
                peerFingerprint,
                this::sendDtls,
                dtlsFaces.handshakes(),
                keys -> {
                    synchronized (this) { // only the current handshake's keys: a newer one may have replaced it
                        if (expected.equals(dtlsFingerprint)) srtp = SrtpFace.of(keys.received(), keys.sent(), null);
                    }
                },
                dtlsFailed);
    }

    /** From the handshake's thread: a DTLS datagram to where the party's DTLS came from (DatagramChannel is thread-safe). */
    private void sendDtls(byte[] datagram, int offset, int length) throws IOException {
        InetSocketAddress to = dtlsPeer;
        if (to != null) rtp().send(ByteBuffer.wrap(datagram, offset, length), to);
    }

    /** The call is over: the handshake's thread stops. */
    void closeDtls() {
        DtlsHandshake h = dtls;
        if (h != null) h.close();
    }

    @Override
    public void setHeld(boolean held) {
        this.held = held;
    }

    DatagramChannel rtp() {
        return channels.rtp();
    }

    DatagramChannel rtcp() {
        return channels.rtcp();
    }

    /** On the IO loop: an RTP packet about to go to this face's party gets the announcement's next samples. */
    void announceInto(ByteBuffer rtp) {
        Announcement a = announcement.get();
        if (a != null && !a.mixInto(rtp)) announcement.compareAndSet(a, null); // a newer one may have replaced it
    }

    /** Single writer (the IO loop): plain read-modify-write of the volatile counters is safe. */
    void countReceived(int bytes) {
        packetsReceived++;
        bytesReceived += bytes;
    }

    void countSent(int bytes) {
        packetsSent++;
        bytesSent += bytes;
    }

    @Override
    public LegStats stats() {
        Expectation e = expectation;
        return new LegStats(
                packetsReceived,
                bytesReceived,
                packetsSent,
                bytesSent,
                e == null ? null : e.latchedRtp,
                reception.lost(),
                reception.jitterMillis(),
                reports.reportedLost(),
                reports.reportedJitterMillis(),
                dropped.sum(),
                srtpAuthFailures.sum());
    }

    /**
     * True when the party should be sending and has sent no RTP for {@code timeoutNanos}: it gave an address to
     * receive at, is not held, and neither its last packet nor {@code sinceNanos} is that recent.
     */
    boolean isSilentFor(long timeoutNanos, long now, long sinceNanos) {
        Expectation e = expectation;
        if (e == null || e.sdpRtp == null || held) return false;
        long last = Math.max(lastRtpNanos, sinceNanos);
        return now - last > timeoutNanos;
    }
}
