package org.tandem.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.MediaCapacityException;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.internal.UdpRelay;

/**
 * The relay with real UDP sockets on loopback: phones are DatagramChannels; a phone "behind NAT" announces one port in
 * its SDP and sends from another; a stranger sends from 127.0.0.2.
 */
class UdpRelayTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final int base = 41000 + (int) (ProcessHandle.current().pid() % 200) * 20;
    final PortAllocator ports = new PortAllocator(LOOPBACK, base, base + 15);
    final List<DatagramChannel> open = new ArrayList<>();
    final List<Side> dead = new CopyOnWriteArrayList<>();
    UdpRelay relay;

    UdpRelay relay(Duration deadAfter) {
        relay = new UdpRelay(new RelayProperties(null, null, deadAfter, false, 1), ports);
        return relay;
    }

    RelayCall open(UdpRelay r) {
        return r.open(
                "call-1",
                new RelayEvents() {
                    @Override
                    public void streamDead(Side side) {
                        dead.add(side);
                    }
                },
                Runnable::run);
    }

    @AfterEach
    void close() throws IOException {
        if (relay != null) relay.close();
        for (DatagramChannel c : open) c.close();
    }

    DatagramChannel phone(String ip) throws IOException {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(ip, 0));
        c.configureBlocking(false);
        open.add(c);
        return c;
    }

    static InetSocketAddress at(DatagramChannel c) throws IOException {
        return (InetSocketAddress) c.getLocalAddress();
    }

    static InetSocketAddress relayPort(RelayLeg leg, int offset) {
        return new InetSocketAddress(LOOPBACK, leg.localRtpPort() + offset);
    }

    /** An RTP packet: version 2, PCMU, {@code seq}, timestamp seq*160, ssrc, then {@code payload}. */
    static ByteBuffer rtp(int seq, int ssrc, byte fill) {
        ByteBuffer b = ByteBuffer.allocate(172);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
        while (b.hasRemaining()) b.put(fill);
        return b.flip();
    }

    static byte[] receive(DatagramChannel c, Duration within) throws IOException {
        long end = System.nanoTime() + within.toNanos();
        ByteBuffer b = ByteBuffer.allocate(2048);
        while (System.nanoTime() < end) {
            if (c.receive(b) != null) {
                b.flip();
                byte[] out = new byte[b.remaining()];
                b.get(out);
                return out;
            }
            Thread.onSpinWait();
        }
        return null;
    }

    @Test
    void relaysBothWaysByteForByteAndLatchesTheRealSourcePort() throws Exception {
        UdpRelay r = relay(Duration.ofSeconds(30));
        RelayCall call = open(r);
        DatagramChannel a = phone("127.0.0.1"); // behind NAT: says port 9 (nobody there) in its SDP
        DatagramChannel b = phone("127.0.0.1");
        call.leg(Side.CALLER).expect(new InetSocketAddress(LOOPBACK, 9), null, false, LOOPBACK, 8000);
        call.leg(Side.CALLEE).expect(at(b), null, false, LOOPBACK, 8000);

        ByteBuffer fromA = rtp(1, 0xA, (byte) 'a');
        byte[] sent = Arrays.copyOf(fromA.array(), fromA.remaining());
        a.send(fromA, relayPort(call.leg(Side.CALLER), 0));
        assertThat(receive(b, Duration.ofSeconds(2))).isEqualTo(sent);
        // B answers to the relay; the relay sends it back to where A really sends from, not A's SDP port
        b.send(rtp(1, 0xB, (byte) 'b'), relayPort(call.leg(Side.CALLEE), 0));
        byte[] back = receive(a, Duration.ofSeconds(2));
        assertThat(back).isNotNull();
        assertThat(back[12]).isEqualTo((byte) 'b');
        assertThat(call.leg(Side.CALLER).stats().latchedRtp()).isEqualTo(at(a));
        assertThat(call.leg(Side.CALLER).stats().packetsReceived()).isEqualTo(1);
        // the IO loop counts a packet once its send returned: A may read it first (a full suite saw 0, session 47)
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() ->
                        assertThat(call.leg(Side.CALLER).stats().packetsSent()).isEqualTo(1));
        assertThat(call.leg(Side.CALLEE).stats().bytesSent()).isEqualTo(172);
    }

    @Test
    void aStrangerIsNeitherLatchedNorRelayedNorCanStealTheStream() throws Exception {
        UdpRelay r = relay(Duration.ofSeconds(30));
        RelayCall call = open(r);
        DatagramChannel a = phone("127.0.0.1");
        DatagramChannel b = phone("127.0.0.1");
        DatagramChannel stranger = phone("127.0.0.2");
        call.leg(Side.CALLER).expect(at(a), null, false, LOOPBACK, 8000);
        call.leg(Side.CALLEE).expect(at(b), null, false, LOOPBACK, 8000);

        stranger.send(rtp(1, 0x5, (byte) 's'), relayPort(call.leg(Side.CALLER), 0));
        a.send(rtp(1, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
        byte[] first = receive(b, Duration.ofSeconds(2));
        assertThat(first[12]).as("only A's packet reaches B").isEqualTo((byte) 'a');
        stranger.send(rtp(2, 0x5, (byte) 's'), relayPort(call.leg(Side.CALLER), 0));
        // from A's own IP but another port after the latch: also refused (the latched flow only)
        DatagramChannel samIpOtherPort = phone("127.0.0.1");
        samIpOtherPort.send(rtp(3, 0x6, (byte) 'p'), relayPort(call.leg(Side.CALLER), 0));
        a.send(rtp(4, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
        assertThat(receive(b, Duration.ofSeconds(2))[12]).isEqualTo((byte) 'a');
        assertThat(receive(b, Duration.ofMillis(300)))
                .as("nothing else got through")
                .isNull();
        assertThat(call.leg(Side.CALLER).stats().dropped()).isEqualTo(3);
        assertThat(call.leg(Side.CALLER).stats().latchedRtp()).isEqualTo(at(a));
        // B's packets go to A, never to the stranger
        b.send(rtp(1, 0xB, (byte) 'b'), relayPort(call.leg(Side.CALLEE), 0));
        assertThat(receive(a, Duration.ofSeconds(2))).isNotNull();
        assertThat(receive(stranger, Duration.ofMillis(200))).isNull();
    }

    @Test
    void aNewOfferLetsThePartyReLatchFromANewPort() throws Exception {
        UdpRelay r = relay(Duration.ofSeconds(30));
        RelayCall call = open(r);
        DatagramChannel a1 = phone("127.0.0.1");
        DatagramChannel a2 = phone("127.0.0.1"); // the NAT gave A a new mapping
        DatagramChannel b = phone("127.0.0.1");
        call.leg(Side.CALLER).expect(at(a1), null, false, LOOPBACK, 8000);
        call.leg(Side.CALLEE).expect(at(b), null, false, LOOPBACK, 8000);
        a1.send(rtp(1, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
        assertThat(receive(b, Duration.ofSeconds(2))).isNotNull();
        a2.send(rtp(2, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
        assertThat(receive(b, Duration.ofMillis(300)))
                .as("not before a new offer")
                .isNull();

        call.leg(Side.CALLER).expect(at(a2), null, false, LOOPBACK, 8000); // re-INVITE
        a2.send(rtp(3, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
        assertThat(receive(b, Duration.ofSeconds(2))).isNotNull();
        assertThat(call.leg(Side.CALLER).stats().latchedRtp()).isEqualTo(at(a2));
    }

    /** What an offer or answer tells the relay about a party that gets audio at {@code sdp} (PCMU, no RTCP mux). */
    static void expect(RelayCall call, Side side, InetSocketAddress sdp) {
        call.leg(side).expect(sdp, null, false, LOOPBACK, 8000);
    }

    /** An RTP packet from {@code phone} to the relay's face towards {@code side}. */
    static void send(DatagramChannel phone, int seq, int ssrc, char fill, RelayCall call, Side side)
            throws IOException {
        phone.send(rtp(seq, ssrc, (byte) fill), relayPort(call.leg(side), 0));
    }

    @Test
    void aPacketLeftFromTheOldPortDoesNotHoldTheStreamOfAPartyThatMoved() throws Exception {
        RelayCall call = open(relay(Duration.ofSeconds(30)));
        DatagramChannel a1 = phone("127.0.0.1");
        DatagramChannel a2 = phone("127.0.0.1"); // A moves by re-INVITE; its SDP names a port behind its NAT
        DatagramChannel b = phone("127.0.0.1");
        expect(call, Side.CALLER, new InetSocketAddress(LOOPBACK, 9));
        expect(call, Side.CALLEE, at(b));
        send(a1, 1, 0xA, 'a', call, Side.CALLER);
        assertThat(receive(b, Duration.ofSeconds(2))).isNotNull();

        expect(call, Side.CALLER, new InetSocketAddress(LOOPBACK, 11));
        // the old port's last packet, still on its way when the re-INVITE was handled, latches again first
        send(a1, 2, 0xA, '1', call, Side.CALLER);
        assertThat(receive(b, Duration.ofSeconds(2))[12]).isEqualTo((byte) '1');
        assertThat(call.leg(Side.CALLER).stats().latchedRtp()).isEqualTo(at(a1));
        send(a2, 3, 0xA, '2', call, Side.CALLER);
        assertThat(receive(b, Duration.ofSeconds(2)))
                .as("the new port's media reaches B")
                .isNotNull();
        assertThat(call.leg(Side.CALLER).stats().latchedRtp()).isEqualTo(at(a2));
        send(a1, 4, 0xA, '1', call, Side.CALLER);
        assertThat(receive(b, Duration.ofMillis(300)))
                .as("the old port cannot take it back")
                .isNull();
        send(b, 1, 0xB, 'b', call, Side.CALLEE);
        assertThat(receive(a2, Duration.ofSeconds(2)))
                .as("B is heard at the new port")
                .isNotNull();
        assertThat(receive(a1, Duration.ofMillis(200))).isNull();
    }

    @Test
    void afterANewOfferTheSameSourceLatchesAgainAndAnotherIpCannotDisplaceIt() throws Exception {
        // (the relearning time's end, 2 s after the offer, is ExpectationTest's, on an explicit clock)
        RelayCall call = open(relay(Duration.ofSeconds(30)));
        DatagramChannel a = phone("127.0.0.1");
        DatagramChannel b = phone("127.0.0.1");
        DatagramChannel stranger = phone("127.0.0.2");
        expect(call, Side.CALLER, at(a));
        expect(call, Side.CALLEE, at(b));
        send(a, 1, 0xA, 'a', call, Side.CALLER);
        assertThat(receive(b, Duration.ofSeconds(2))).isNotNull();

        expect(call, Side.CALLER, at(a)); // resume: A sends from where it did
        send(a, 2, 0xA, 'a', call, Side.CALLER);
        assertThat(receive(b, Duration.ofSeconds(2))).isNotNull();
        send(stranger, 3, 0x5, 's', call, Side.CALLER);
        assertThat(receive(b, Duration.ofMillis(300)))
                .as("another IP never displaces the party, not even while it re-learns")
                .isNull();
        assertThat(call.leg(Side.CALLER).stats().latchedRtp()).isEqualTo(at(a));
        assertThat(call.leg(Side.CALLER).stats().dropped()).isEqualTo(1);
    }

    @Test
    void rtcpIsRelayedOnTheNextPortAndAcrossRtcpMux() throws Exception {
        UdpRelay r = relay(Duration.ofSeconds(30));
        RelayCall call = open(r);
        DatagramChannel aRtp = phone("127.0.0.1");
        DatagramChannel aRtcp = phone("127.0.0.1");
        DatagramChannel bMux = phone("127.0.0.1"); // B (a browser) multiplexes RTCP on its RTP port
        call.leg(Side.CALLER).expect(at(aRtp), at(aRtcp), false, LOOPBACK, 8000);
        call.leg(Side.CALLEE).expect(at(bMux), null, true, LOOPBACK, 8000);

        // an RR from A (RFC 3550 §6.4.2) with one report block: 7 lost, jitter 80 (10 ms at 8 kHz)
        ByteBuffer rr = ByteBuffer.allocate(32);
        rr.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0xA);
        rr.putInt(0xB).putInt(7).putInt(100).putInt(80).putInt(0).putInt(0).flip();
        aRtcp.send(rr, relayPort(call.leg(Side.CALLER), 1));
        byte[] atB = receive(bMux, Duration.ofSeconds(2));
        assertThat(atB).hasSize(32);
        assertThat(atB[1] & 0xff).isEqualTo(201);
        assertThat(call.leg(Side.CALLER).stats().reportedLost()).isEqualTo(7);
        assertThat(call.leg(Side.CALLER).stats().reportedJitterMillis()).isEqualTo(10.0);

        // B's muxed RTCP (type 200 on its RTP port) goes to A's RTCP port, B's RTP to A's RTP port
        ByteBuffer sr = ByteBuffer.allocate(28);
        sr.put((byte) 0x80)
                .put((byte) 200)
                .putShort((short) 6)
                .putInt(0xB)
                .putLong(0)
                .putInt(0)
                .putInt(0)
                .putInt(0)
                .flip();
        bMux.send(sr, relayPort(call.leg(Side.CALLEE), 0));
        assertThat(receive(aRtcp, Duration.ofSeconds(2))).hasSize(28);
        bMux.send(rtp(1, 0xB, (byte) 'b'), relayPort(call.leg(Side.CALLEE), 0));
        assertThat(receive(aRtp, Duration.ofSeconds(2))).hasSize(172);
        // and A's RTP reaches B's one port
        aRtp.send(rtp(1, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
        assertThat(receive(bMux, Duration.ofSeconds(2))).hasSize(172);
    }

    @Test
    void aHeldPartyGetsNothingAndItsSilenceIsNoDeadStream() throws Exception {
        UdpRelay r = relay(Duration.ofMillis(1000));
        RelayCall call = open(r);
        DatagramChannel a = phone("127.0.0.1");
        DatagramChannel b = phone("127.0.0.1");
        call.leg(Side.CALLER).expect(at(a), null, false, LOOPBACK, 8000);
        call.leg(Side.CALLEE).expect(null, null, false, LOOPBACK, 8000); // c=0.0.0.0: B takes nothing
        call.leg(Side.CALLER).setHeld(true);
        b.send(rtp(1, 0xB, (byte) 'b'), relayPort(call.leg(Side.CALLEE), 0));
        a.send(rtp(1, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
        assertThat(receive(a, Duration.ofSeconds(1))).isNotNull(); // B still sends to A
        assertThat(receive(b, Duration.ofMillis(300))).isNull();
        // twice the timeout with no RTP from a held A and from B with no address: no dead stream
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(dead::isEmpty);
    }

    @Test
    void aPartyThatStopsSendingIsReportedDeadOnce() throws Exception {
        UdpRelay r = relay(Duration.ofMillis(1000));
        RelayCall call = open(r);
        DatagramChannel a = phone("127.0.0.1");
        DatagramChannel b = phone("127.0.0.1");
        call.leg(Side.CALLER).expect(at(a), null, false, LOOPBACK, 8000);
        call.leg(Side.CALLEE).expect(at(b), null, false, LOOPBACK, 8000);
        long until = System.nanoTime() + Duration.ofMillis(2800).toNanos(); // the check runs once a second
        int seq = 0;
        while (System.nanoTime() < until) { // B keeps talking, A went silent after its first packet
            if (seq == 0) a.send(rtp(1, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
            b.send(rtp(++seq, 0xB, (byte) 'b'), relayPort(call.leg(Side.CALLEE), 0));
            Thread.sleep(20); // 20 ms packetisation, as a phone sends
        }
        assertThat(dead).containsExactly(Side.CALLER);
    }

    @Test
    void lossAndJitterOfTheReceivedStream() throws Exception {
        UdpRelay r = relay(Duration.ofSeconds(30));
        RelayCall call = open(r);
        DatagramChannel a = phone("127.0.0.1");
        DatagramChannel b = phone("127.0.0.1");
        call.leg(Side.CALLER).expect(at(a), null, false, LOOPBACK, 8000);
        call.leg(Side.CALLEE).expect(at(b), null, false, LOOPBACK, 8000);
        for (int seq = 1; seq <= 20; seq++) {
            if (seq == 5 || seq == 6 || seq == 13) continue; // three lost
            a.send(rtp(seq, 0xA, (byte) 'a'), relayPort(call.leg(Side.CALLER), 0));
        }
        await().atMost(Duration.ofSeconds(2))
                .until(() -> call.leg(Side.CALLER).stats().packetsReceived() == 17);
        assertThat(call.leg(Side.CALLER).stats().packetsLost()).isEqualTo(3);
        // sent back to back while the timestamps advance 20 ms a packet: jitter grows towards 20 ms
        assertThat(call.leg(Side.CALLER).stats().jitterMillis()).isGreaterThan(5.0);
    }

    @Test
    void closingFreesThePortsAndAFullRangeSays503() throws Exception {
        UdpRelay r = relay(Duration.ofSeconds(30));
        List<RelayCall> calls = new ArrayList<>();
        // fill the 8-pair range (a pair another socket happens to hold is skipped, so count what fits)
        MediaCapacityException full = null;
        while (full == null && calls.size() < 8) {
            try {
                calls.add(open(r));
            } catch (MediaCapacityException e) {
                full = e;
            }
        }
        assertThat(full).as("the range runs out").isNotNull().hasMessageContaining("no free RTP port pair");
        assertThat(calls).isNotEmpty();
        assertThat(ports.inUse())
                .as("a half-allocated call gives its pair back")
                .isEqualTo(2 * calls.size());
        calls.forEach(RelayCall::close);
        assertThat(r.openCalls()).isZero();
        await().atMost(Duration.ofSeconds(2)).until(() -> ports.inUse() == 0);
        RelayCall again = open(r);
        assertThat(again.leg(Side.CALLER).localRtpPort() % 2).isZero();
    }
}
