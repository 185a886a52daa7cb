package org.tandem.media.relay.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.dtls.DtlsHandshake;
import org.tandem.media.ice.ConnectivityCheck;
import org.tandem.media.ice.IceLiteResponder;
import org.tandem.media.internal.PortAllocator;

/**
 * One IO thread of the relay: a selector over the channels of its calls. Each datagram is read into one reused direct
 * buffer and sent unchanged out of the other face (no decoding, no copy into the heap), so the cost per packet is two
 * system calls. Registrations and removals are queued to this thread, which alone touches the selector.
 */
final class RelayLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RelayLoop.class);
    private static final long CHECK_NANOS = 1_000_000_000L;

    /** What a channel's selection key carries: the face it belongs to, and whether it is the RTCP channel. */
    private record Port(RelayedCall call, Face face, boolean rtcp) {}

    private final Selector selector;
    private final PortAllocator allocator;
    private final long deadNanos;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Set<RelayedCall> calls = ConcurrentHashMap.newKeySet();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048); // > any RTP over a 1500-byte MTU
    // where a packet is decrypted or encrypted (SRTP faces): in place, the room for SRTCP index, MKI and tag to spare
    private final byte[] scratch = new byte[2048 + 64];
    private final ByteBuffer scratchBuffer = ByteBuffer.wrap(scratch);
    final LongAdder relayed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder srtpAuthFailures = new LongAdder();
    private volatile boolean running = true;
    /** How often the loop went round (its selector returned): for the tests. */
    volatile long turns;

    private long nextCheck;

    RelayLoop(PortAllocator allocator, long deadNanos) throws IOException {
        this.selector = Selector.open();
        this.allocator = allocator;
        this.deadNanos = deadNanos;
    }

    void add(RelayedCall call) {
        calls.add(call);
        pending.add(() -> {
            register(call, call.caller);
            register(call, call.callee);
        });
        selector.wakeup();
    }

    /** The call stops counting at once; its channels are closed and ports freed on this loop's thread. */
    void remove(RelayedCall call) {
        if (!calls.remove(call)) return;
        pending.add(() -> release(call));
        selector.wakeup();
    }

    int calls() {
        return calls.size();
    }

    private void register(RelayedCall call, Face face) {
        try {
            face.rtp().register(selector, SelectionKey.OP_READ, new Port(call, face, false));
            face.rtcp().register(selector, SelectionKey.OP_READ, new Port(call, face, true));
        } catch (IOException e) {
            log.warn("Call {}: cannot watch relay port {}: {}", call.callId(), face.localRtpPort(), e.getMessage());
        }
    }

    private void release(RelayedCall call) {
        for (Face f : new Face[] {call.caller, call.callee}) {
            closeQuietly(f.rtp());
            closeQuietly(f.rtcp());
            allocator.release(f.localRtpPort());
        }
    }

    @Override
    public void run() {
        nextCheck = System.nanoTime() + CHECK_NANOS;
        while (running) {
            try {
                // with no call to watch for dead media, nothing is due: asleep until a call or a stop wakes it
                // (issue 23: an idle appliance's relay woke four times a second for nothing)
                selector.select(calls.isEmpty() ? 0 : 250);
                turns++;
                Runnable task;
                while ((task = pending.poll()) != null) task.run();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isReadable())
                        drain((DatagramChannel) key.channel(), (Port) key.attachment());
                }
                long now = System.nanoTime();
                if (now >= nextCheck) {
                    nextCheck = now + CHECK_NANOS;
                    for (RelayedCall c : calls) c.checkDead(deadNanos, now);
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Relay loop: {}", e.toString()); // one bad packet or port must not stop the others
            }
        }
    }

    /** Reads every datagram waiting on {@code channel} (bounded, so one busy port cannot starve the others). */
    private void drain(DatagramChannel channel, Port port) throws IOException {
        for (int i = 0; i < 64; i++) {
            buffer.clear();
            SocketAddress from = channel.receive(buffer);
            if (from == null) return;
            buffer.flip();
            forward(port, (InetSocketAddress) from);
        }
    }

    private void forward(Port port, InetSocketAddress from) throws IOException {
        Face face = port.face();
        Expectation e = face.expectation;
        int length = buffer.remaining();
        if (isStun()) {
            connectivityCheck(port, from, e); // RFC 7983: first byte 0-3 is STUN, never relayed
            return;
        }
        int first = buffer.get(0) & 0xff;
        if (first >= 20 && first <= 63) {
            dtlsRecord(face, from, e); // RFC 7983: 20-63 is DTLS, never relayed
            return;
        }
        if (e == null || length < 8) {
            drop(face); // nothing expected yet
            return;
        }
        // RFC 5761 §4: on a multiplexed port, packet types 192-223 are RTCP
        int second = buffer.get(1) & 0xff;
        boolean rtcp = port.rtcp() || (second >= 192 && second <= 223);
        InetSocketAddress latched = rtcp ? e.latchedRtcp : e.latchedRtp;
        if (latched == null) {
            if (!e.mayLatch(from.getAddress())) {
                drop(face); // RTP bleed: a stranger may not take the stream over
                return;
            }
        } else if (!latched.equals(from)) {
            if (!e.displaces(rtcp, latched, from, System.nanoTime())) {
                drop(face);
                return;
            }
            latched = null; // a stale packet of the old source had latched again: the party moved (latched below)
        }
        ByteBuffer packet = buffer;
        SrtpFace in = face.srtp;
        if (in == null && face.dtls != null) {
            drop(face); // DTLS-SRTP before its handshake has given the keys: nothing to decrypt with
            return;
        }
        if (in != null && in.receive() != null) {
            packet = decrypt(in, rtcp, length);
            if (packet == null) {
                face.srtpAuthFailures.increment(); // RFC 3711 §3.3: never forwarded, and latches nothing
                srtpAuthFailures.increment();
                drop(face);
                return;
            }
        }
        if (latched == null) {
            // on an SRTP face only an authenticated packet latches: a forged one cannot steal the stream
            if (rtcp) e.latchedRtcp = from;
            else e.latchedRtp = from;
        }
        face.countReceived(length);
        RelayedCall call = port.call();
        OpusTranscoder coder = call.transcoder;
        long now = System.nanoTime();
        if (rtcp) {
            face.reports.read(packet, e.clockRate);
            if (coder != null) return; // RFC 3550 §7.2: its counts and timestamps describe the other encoding
        } else {
            face.lastRtpNanos = now;
            face.reception.received(
                    packet.getShort(2) & 0xffff,
                    packet.getInt(4) & 0xffffffffL,
                    packet.remaining() >= 12 ? packet.getInt(8) & 0xffffffffL : 0,
                    now,
                    e.clockRate);
        }
        Face to = call.other(face);
        KeyCodeWatch keys = face.keys;
        if (keys != null && !rtcp) {
            // held packets let go are sent first; they may pass the scratch buffer (SRTP), so the current one leaves it
            ByteBuffer current = packet == scratchBuffer ? copy(packet) : packet;
            if (keys.offer(current, now, held -> relayOn(call, face, to, false, held, now))) return;
            packet = current;
        }
        relayOn(call, face, to, rtcp, packet, now);
    }

    /** {@code packet} (checked, decrypted) from {@code face}'s party: to the recorder and out of {@code to}. */
    private void relayOn(RelayedCall call, Face face, Face to, boolean rtcp, ByteBuffer packet, long now) {
        OpusTranscoder coder = call.transcoder;
        RecordingTap tap = call.tap;
        if (coder != null) {
            // towards the browser the announcement goes into the G.711 before it is encoded: send() mixes it into
            // G.711 only and would pass the Opus unchanged; the recorder gets the party's own audio, without it
            boolean toOpus = face.side != coder.transcoding.opusSide();
            ByteBuffer heard = packet;
            if (toOpus && to.announcement.get() != null) {
                heard = copy(packet);
                to.announceInto(heard);
            }
            ByteBuffer g711 = coder.convert(face.side, heard, out -> send(face, to, false, out));
            if (tap != null && g711 != null)
                tap.offer(face.side, toOpus ? packet : g711, now); // the recorder reads G.711
            return;
        }
        if (tap != null && !rtcp)
            tap.offer(face.side, packet, now); // decrypted, copied into a bounded queue: never waits
        send(face, to, rtcp, packet);
    }

    private static ByteBuffer copy(ByteBuffer packet) {
        byte[] data = new byte[packet.remaining()];
        packet.get(packet.position(), data);
        return ByteBuffer.wrap(data);
    }

    /** {@code packet} from {@code face}'s party out of {@code to}, encrypted when {@code to} speaks SRTP. */
    private void send(Face face, Face to, boolean rtcp, ByteBuffer packet) {
        Expectation there = to.expectation;
        InetSocketAddress destination = there == null ? null : rtcp ? there.rtcpDestination() : there.rtpDestination();
        if (destination == null) {
            drop(face); // the other party has not said where yet, or is on hold (c=0.0.0.0)
            return;
        }
        if (!rtcp) to.announceInto(packet); // before SRTP: the recorder already has its copy of the party's audio
        SrtpFace toSrtp = to.srtp;
        if (toSrtp != null && toSrtp.send() != null) {
            packet = encrypt(toSrtp, rtcp, packet);
            if (packet == null) {
                drop(face); // not RTP, or our key's lifetime is used up
                return;
            }
        }
        int outLength = packet.remaining();
        DatagramChannel out = rtcp && !there.rtcpMux ? to.rtcp() : to.rtp();
        try {
            if (out.send(packet, destination) == 0) {
                drop(face); // the socket's send buffer is full: never block the loop
                return;
            }
        } catch (IOException x) {
            drop(face); // unreachable for now (ICMP): the party may come back
            log.debug("Relay: cannot send to {}: {}", destination, x.toString());
            return;
        }
        to.countSent(outLength);
        relayed.increment();
    }

    /** The decrypted packet in the scratch buffer, or null when it failed SRTP authentication or was a replay. */
    private ByteBuffer decrypt(SrtpFace srtp, boolean rtcp, int length) {
        buffer.get(0, scratch, 0, length);
        int n = rtcp
                ? srtp.receive().unprotectRtcp(scratch, length)
                : srtp.receive().unprotectRtp(scratch, length);
        if (n < 0) return null;
        return scratchBuffer.limit(n).position(0);
    }

    /** {@code packet} (the read buffer or the scratch buffer) encrypted in the scratch buffer, or null. */
    private ByteBuffer encrypt(SrtpFace srtp, boolean rtcp, ByteBuffer packet) {
        int length = packet.remaining();
        if (packet != scratchBuffer) packet.get(0, scratch, 0, length);
        int n = rtcp ? srtp.send().protectRtcp(scratch, length) : srtp.send().protectRtp(scratch, length);
        if (n < 0) return null;
        return scratchBuffer.limit(n).position(0);
    }

    /**
     * An ICE connectivity check on a face whose party offered ICE: answered from the port it came to (RFC 8445
     * §7.3); a valid nominating one latches its source for that component, from any address, because a check signed
     * with our password proves it is the party (RFC 8445 §7.3.1.5).
     */
    private void connectivityCheck(Port port, InetSocketAddress from, Expectation e) throws IOException {
        IceLiteResponder ice = port.face().ice;
        if (ice == null) {
            drop(port.face());
            return;
        }
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        ConnectivityCheck check = ice.check(data, 0, data.length, from);
        // latch before answering: once the party has our response it may send media and expect it relayed there
        if (check.valid() && check.nominated() && e != null) {
            if (port.rtcp()) e.latchedRtcp = from;
            else e.latchedRtp = from;
        }
        if (check.response() != null) {
            DatagramChannel channel =
                    port.rtcp() ? port.face().rtcp() : port.face().rtp();
            channel.send(ByteBuffer.wrap(check.response()), from);
        }
    }

    /**
     * A DTLS record for the face's handshake (RFC 5764 §5.1.2: on the RTP port), from the party: from the address
     * latched (an ICE check nominated it) or, before that, from an address the party may latch from.
     */
    private void dtlsRecord(Face face, InetSocketAddress from, Expectation e) {
        DtlsHandshake h = face.dtls;
        InetSocketAddress latched = e == null ? null : e.latchedRtp;
        boolean allowed = e != null && (latched != null ? latched.equals(from) : e.mayLatch(from.getAddress()));
        if (h == null || !allowed) {
            drop(face);
            return;
        }
        face.dtlsPeer = from;
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        h.received(data);
    }

    /** RFC 7983 §7: a first byte of 0-3 is STUN. */
    private boolean isStun() {
        return (buffer.get(0) & 0xff) < 4;
    }

    private void drop(Face face) {
        face.dropped.increment();
        dropped.increment();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    /** After the loop's thread ended: frees what is left and the selector. */
    void closeAll() {
        Runnable task;
        while ((task = pending.poll()) != null) task.run(); // removals queued while the thread was stopping
        for (RelayedCall c : calls) {
            c.close();
            release(c);
        }
        calls.clear();
        try {
            selector.close();
        } catch (IOException e) {
            // shutting down
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing to save
        }
    }
}
