package org.tandem.media.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * A phone's media side for relay tests: an RTP and an RTCP socket on a loopback address of its own (Linux answers on
 * all of 127/8), sending to the relay and receiving what it relays. Receives wait at most 3 s, so a missing packet
 * fails the test instead of hanging it.
 */
final class Party implements AutoCloseable {

    static final InetAddress RELAY = InetAddress.getLoopbackAddress();

    /** What arrived and where from. */
    record Received(byte[] data, InetSocketAddress source) {}

    final DatagramSocket rtp;
    final DatagramSocket rtcp;
    private int sequence;
    private int timestamp;
    private final int ssrc;

    Party(String ip) throws IOException {
        this.rtp = bound(ip);
        this.rtcp = bound(ip);
        this.ssrc = ip.hashCode() ^ rtp.getLocalPort();
        this.sequence = 4000;
        this.timestamp = 160_000;
    }

    private static DatagramSocket bound(String ip) throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0));
        s.setSoTimeout(3000);
        return s;
    }

    InetAddress ip() {
        return rtp.getLocalAddress();
    }

    InetSocketAddress rtpAddress() {
        return (InetSocketAddress) rtp.getLocalSocketAddress();
    }

    InetSocketAddress rtcpAddress() {
        return (InetSocketAddress) rtcp.getLocalSocketAddress();
    }

    /** Tells the relay's leg facing this party where the party is (its SDP; SIP from the same IP), RTCP on its own port. */
    void introduceTo(RelayLeg leg) {
        leg.expect(rtpAddress(), rtcpAddress(), false, ip(), 8000);
    }

    /** The next RTP packet of this party's stream: 20 ms of PCMU, payload bytes counting up. */
    byte[] nextRtp() {
        return rtp(sequence++, timestamp += 160, ssrc);
    }

    /** Skips {@code n} packets of its stream (lost on the way). */
    void skip(int n) {
        sequence += n;
        timestamp += 160 * n;
    }

    static byte[] rtp(int seq, int ts, int ssrc) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(ts).putInt(ssrc);
        for (int i = 0; i < 160; i++) b.put((byte) (seq + i));
        return b.array();
    }

    /** An RTCP receiver report (RFC 3550 §6.4.2) with one report block, then an SDES CNAME (§6.5), as phones send. */
    static byte[] receiverReport(int senderSsrc, int cumulativeLost, int jitter) {
        ByteBuffer b = ByteBuffer.allocate(32 + 16);
        b.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(senderSsrc);
        b.putInt(0x1111_2222)
                .put((byte) 0)
                .put((byte) (cumulativeLost >> 16))
                .put((byte) (cumulativeLost >> 8))
                .put((byte) cumulativeLost)
                .putInt(70_000)
                .putInt(jitter)
                .putInt(0)
                .putInt(0);
        b.put((byte) 0x81)
                .put((byte) 202)
                .putShort((short) 3)
                .putInt(senderSsrc)
                .put((byte) 1)
                .put((byte) 4)
                .put("ab@c".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put((byte) 0)
                .put((byte) 0);
        return b.array();
    }

    static void send(DatagramSocket from, byte[] data, int relayPort) throws IOException {
        from.send(new DatagramPacket(data, data.length, RELAY, relayPort));
    }

    /**
     * The next RTP/RTCP packet on {@code on}, past DTLS records (RFC 7983 §7: first byte 20–63): a browser's DTLS
     * stack absorbs a retransmitted server flight that a loaded machine delivered after the handshake ended.
     */
    static Received receiveMedia(DatagramSocket on) throws IOException {
        for (int skipped = 0; skipped < 10; skipped++) {
            Received r = receive(on);
            int first = r.data().length == 0 ? -1 : r.data()[0] & 0xff;
            if (first < 20 || first > 63) return r;
        }
        throw new AssertionError("only DTLS records on " + on.getLocalSocketAddress());
    }

    static Received receive(DatagramSocket on) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        try {
            on.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing relayed to " + on.getLocalSocketAddress() + " within 3 s", e);
        }
        return new Received(
                java.util.Arrays.copyOf(p.getData(), p.getLength()), (InetSocketAddress) p.getSocketAddress());
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
