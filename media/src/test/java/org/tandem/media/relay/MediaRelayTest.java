package org.tandem.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.Party.Received;
import org.tandem.media.relay.internal.UdpRelay;

/**
 * The relay over real sockets on loopback: two parties, each with its own address, talk through a call's two legs.
 * Where a packet must <em>not</em> be relayed, the party sends a marker right after it on the same path: the relay
 * reads one socket in order, so the other side receiving the marker first proves the refused packet was not relayed.
 */
class MediaRelayTest {

    private static final Executor DIRECT = Runnable::run;

    private PortAllocator ports;
    private UdpRelay relay;
    private RelayCall call;
    private RelayLeg caller;
    private RelayLeg callee;
    private Party alice;
    private Party bob;

    @BeforeEach
    void start() throws Exception {
        int base = 20000 + 2 * (int) (Math.random() * 4000);
        ports = new PortAllocator(InetAddress.getByName("127.0.0.1"), base, base + 39);
        relay = new UdpRelay(RelayProperties.defaults(), ports);
        call = relay.open("call-1", null, DIRECT);
        caller = call.leg(Side.CALLER);
        callee = call.leg(Side.CALLEE);
        alice = new Party("127.0.0.1");
        bob = new Party("127.0.0.1");
    }

    @AfterEach
    void stop() {
        relay.close();
        alice.close();
        bob.close();
    }

    @Test
    void forwardsRtpBothWaysByteForByteFromTheLegFacingTheReceiver() throws Exception {
        alice.introduceTo(caller);
        bob.introduceTo(callee);
        assertThat(caller.localRtpPort() % 2).isZero();

        for (int i = 0; i < 3; i++) {
            byte[] sent = alice.nextRtp();
            Party.send(alice.rtp, sent, caller.localRtpPort());
            Received got = Party.receive(bob.rtp);
            assertThat(got.data()).isEqualTo(sent);
            assertThat(got.source().getPort()).isEqualTo(callee.localRtpPort()); // symmetric: from where bob sends
        }
        byte[] back = bob.nextRtp();
        Party.send(bob.rtp, back, callee.localRtpPort());
        Received got = Party.receive(alice.rtp);
        assertThat(got.data()).isEqualTo(back);
        assertThat(got.source().getPort()).isEqualTo(caller.localRtpPort());

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            LegStats a = caller.stats();
            assertThat(a.packetsReceived()).isEqualTo(3);
            assertThat(a.bytesReceived()).isEqualTo(3 * 172);
            assertThat(a.packetsSent()).isEqualTo(1);
            assertThat(a.latchedRtp()).isEqualTo(alice.rtpAddress());
            assertThat(callee.stats().packetsSent()).isEqualTo(3);
            assertThat(relay.packetsRelayed()).isEqualTo(4);
            assertThat(relay.packetsDropped()).isZero();
        });
    }

    @Test
    void latchesOntoTheRealSourcePortWhenTheSdpNamedAnother() throws Exception {
        // a phone behind NAT: its SDP names its private port, its packets arrive from the NAT's port
        try (DatagramSocket sdpPort = new DatagramSocket(new InetSocketAddress(Party.RELAY, 0))) {
            sdpPort.setSoTimeout(3000);
            caller.expect((InetSocketAddress) sdpPort.getLocalSocketAddress(), null, false, alice.ip(), 8000);
            bob.introduceTo(callee);

            Party.send(bob.rtp, bob.nextRtp(), callee.localRtpPort());
            Party.receive(sdpPort); // before alice sends, the SDP address is all the relay knows

            Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort());
            Party.receive(bob.rtp);
            byte[] reply = bob.nextRtp();
            Party.send(bob.rtp, reply, callee.localRtpPort());
            assertThat(Party.receive(alice.rtp).data()).isEqualTo(reply);
            assertThat(caller.stats().latchedRtp()).isEqualTo(alice.rtpAddress());
        }
    }

    @Test
    void aSourceOnAnotherIpIsNeitherLatchedNorRelayedAndCannotStealTheLatch() throws Exception {
        alice.introduceTo(caller);
        bob.introduceTo(callee);
        try (Party mallory = new Party("127.0.0.2")) {
            byte[] injected = mallory.nextRtp();
            Party.send(mallory.rtp, injected, caller.localRtpPort()); // before alice: must not latch
            byte[] first = alice.nextRtp();
            Party.send(alice.rtp, first, caller.localRtpPort());
            assertThat(Party.receive(bob.rtp).data()).isEqualTo(first);

            Party.send(mallory.rtp, mallory.nextRtp(), caller.localRtpPort()); // after alice latched
            byte[] second = alice.nextRtp();
            Party.send(alice.rtp, second, caller.localRtpPort());
            assertThat(Party.receive(bob.rtp).data()).isEqualTo(second);

            byte[] reply = bob.nextRtp();
            Party.send(bob.rtp, reply, callee.localRtpPort());
            assertThat(Party.receive(alice.rtp).data())
                    .as("bob's media still goes to alice")
                    .isEqualTo(reply);
            assertThat(caller.stats().latchedRtp()).isEqualTo(alice.rtpAddress());
            assertThat(caller.stats().dropped()).isEqualTo(2);
            assertThat(caller.stats().packetsReceived()).isEqualTo(2);
        }
    }

    @Test
    void latchAnyAddressLetsMediaFromAnotherIpThanTheSignallingLatch() throws Exception {
        relay.close();
        relay = new UdpRelay(new RelayProperties(null, null, null, true, null), ports);
        RelayCall anyCall = relay.open("any", null, DIRECT);
        try (Party mediaGateway = new Party("127.0.0.2")) { // SIP and SDP say 127.0.0.1, media leaves from .2
            alice.introduceTo(anyCall.leg(Side.CALLER));
            bob.introduceTo(anyCall.leg(Side.CALLEE));
            byte[] media = mediaGateway.nextRtp();
            Party.send(mediaGateway.rtp, media, anyCall.leg(Side.CALLER).localRtpPort());
            assertThat(Party.receive(bob.rtp).data()).isEqualTo(media);
            assertThat(anyCall.leg(Side.CALLER).stats().latchedRtp()).isEqualTo(mediaGateway.rtpAddress());
        }
    }

    @Test
    void anotherPortOfTheSameIpIsRefusedOnceLatched() throws Exception {
        alice.introduceTo(caller);
        bob.introduceTo(callee);
        try (Party sameHost = new Party("127.0.0.1")) {
            Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort());
            Party.receive(bob.rtp);
            Party.send(sameHost.rtp, sameHost.nextRtp(), caller.localRtpPort());
            byte[] marker = alice.nextRtp();
            Party.send(alice.rtp, marker, caller.localRtpPort());
            assertThat(Party.receive(bob.rtp).data()).isEqualTo(marker);
            assertThat(caller.stats().dropped()).isEqualTo(1);
        }
    }

    @Test
    void aNewOfferOrAnswerLetsThePartyLatchAgain() throws Exception {
        alice.introduceTo(caller);
        bob.introduceTo(callee);
        Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort());
        Party.receive(bob.rtp);

        try (Party aliceMoved = new Party("127.0.0.1")) { // re-INVITE: the phone now sends from another port
            aliceMoved.introduceTo(caller);
            byte[] fromNewPort = aliceMoved.nextRtp();
            Party.send(aliceMoved.rtp, fromNewPort, caller.localRtpPort());
            assertThat(Party.receive(bob.rtp).data()).isEqualTo(fromNewPort);
            byte[] reply = bob.nextRtp();
            Party.send(bob.rtp, reply, callee.localRtpPort());
            assertThat(Party.receive(aliceMoved.rtp).data()).isEqualTo(reply);
            assertThat(caller.stats().latchedRtp()).isEqualTo(aliceMoved.rtpAddress());

            Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort()); // the old port lost its latch
            byte[] marker = aliceMoved.nextRtp();
            Party.send(aliceMoved.rtp, marker, caller.localRtpPort());
            assertThat(Party.receive(bob.rtp).data()).isEqualTo(marker);
        }
    }

    @Test
    void rtcpGoesFromPortPlusOneToTheOtherPartysRtcpAddressAndItsReportIsRead() throws Exception {
        alice.introduceTo(caller);
        bob.introduceTo(callee);
        byte[] report = Party.receiverReport(0xA11CE, 7, 80);
        Party.send(alice.rtcp, report, caller.localRtpPort() + 1);
        Received got = Party.receive(bob.rtcp);
        assertThat(got.data()).isEqualTo(report);
        assertThat(got.source().getPort()).isEqualTo(callee.localRtpPort() + 1);

        byte[] back = Party.receiverReport(0xB0B, 0xFFFFFF, 16); // -1: a duplicate outnumbers the losses
        Party.send(bob.rtcp, back, callee.localRtpPort() + 1);
        assertThat(Party.receive(alice.rtcp).data()).isEqualTo(back);

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(caller.stats().reportedLost()).isEqualTo(7);
            assertThat(caller.stats().reportedJitterMillis()).isEqualTo(10.0); // 80 units at 8 kHz
            assertThat(callee.stats().reportedLost()).isEqualTo(-1);
            assertThat(callee.stats().reportedJitterMillis()).isEqualTo(2.0);
            assertThat(caller.stats().latchedRtp())
                    .as("RTCP does not latch RTP")
                    .isNull();
        });
    }

    @Test
    void rtcpToAPartyThatSentNoneGoesToTheRtcpAddressOfItsSdp() throws Exception {
        try (DatagramSocket aRtcp = new DatagramSocket(new InetSocketAddress(Party.RELAY, 0))) { // RFC 3605 a=rtcp
            aRtcp.setSoTimeout(3000);
            caller.expect(
                    alice.rtpAddress(), (InetSocketAddress) aRtcp.getLocalSocketAddress(), false, alice.ip(), 8000);
            bob.introduceTo(callee);
            Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort()); // RTP latched; RTCP never comes from alice
            Party.receive(bob.rtp);
            byte[] report = Party.receiverReport(0xB0B, 0, 0);
            Party.send(bob.rtcp, report, callee.localRtpPort() + 1);
            Received got = Party.receive(aRtcp);
            assertThat(got.data()).isEqualTo(report);
            assertThat(got.source().getPort()).isEqualTo(caller.localRtpPort() + 1);
        }
    }

    @Test
    void callsAreSpreadOverTheRelayThreads() throws Exception {
        relay.close();
        relay = new UdpRelay(new RelayProperties(null, null, null, null, 2), ports);
        try (Party carol = new Party("127.0.0.1");
                Party dave = new Party("127.0.0.1")) {
            RelayCall first = relay.open("first", null, DIRECT);
            RelayCall second = relay.open("second", null, DIRECT);
            alice.introduceTo(first.leg(Side.CALLER));
            bob.introduceTo(first.leg(Side.CALLEE));
            carol.introduceTo(second.leg(Side.CALLER));
            dave.introduceTo(second.leg(Side.CALLEE));
            byte[] one = alice.nextRtp();
            byte[] two = carol.nextRtp();
            Party.send(alice.rtp, one, first.leg(Side.CALLER).localRtpPort());
            Party.send(carol.rtp, two, second.leg(Side.CALLER).localRtpPort());
            assertThat(Party.receive(bob.rtp).data()).isEqualTo(one);
            assertThat(Party.receive(dave.rtp).data()).isEqualTo(two);
            assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .contains("tandem-relay-1", "tandem-relay-2");
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(t -> t.getName().startsWith("tandem-relay-"))
                    .allMatch(Thread::isDaemon);
        }
    }

    @Test
    void rtcpMuxOnOneSideIsSplitAndJoinedByPacketType() throws Exception {
        caller.expect(alice.rtpAddress(), null, true, alice.ip(), 8000); // RFC 5761: alice muxes
        bob.introduceTo(callee);

        byte[] muxedReport = Party.receiverReport(0xA11CE, 3, 0);
        Party.send(alice.rtp, muxedReport, caller.localRtpPort());
        Received got = Party.receive(bob.rtcp);
        assertThat(got.data()).isEqualTo(muxedReport);
        assertThat(got.source().getPort()).isEqualTo(callee.localRtpPort() + 1);

        byte[] media = alice.nextRtp();
        Party.send(alice.rtp, media, caller.localRtpPort());
        assertThat(Party.receive(bob.rtp).data()).isEqualTo(media);

        byte[] bobsReport = Party.receiverReport(0xB0B, 1, 0);
        Party.send(bob.rtcp, bobsReport, callee.localRtpPort() + 1);
        got = Party.receive(alice.rtp);
        assertThat(got.data()).isEqualTo(bobsReport);
        assertThat(got.source().getPort())
                .as("muxed: RTCP comes from the RTP port")
                .isEqualTo(caller.localRtpPort());
        await().atMost(Duration.ofSeconds(3)).until(() -> caller.stats().reportedLost() == 3);
    }

    @Test
    void aPartyOnHoldWithNoAddressGetsNothingAndNothingFails() throws Exception {
        alice.introduceTo(caller);
        callee.expect(null, null, false, bob.ip(), 8000); // c=0.0.0.0
        Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort());
        Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort());
        await().atMost(Duration.ofSeconds(3)).until(() -> caller.stats().dropped() == 2);

        bob.introduceTo(callee); // resumed
        byte[] media = alice.nextRtp();
        Party.send(alice.rtp, media, caller.localRtpPort());
        assertThat(Party.receive(bob.rtp).data()).isEqualTo(media);
        assertThat(caller.stats().dropped()).isEqualTo(2);
    }

    @Test
    void mediaBeforeTheOtherPartyIsKnownIsDropped() throws Exception {
        alice.introduceTo(caller);
        Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort());
        await().atMost(Duration.ofSeconds(3)).until(() -> relay.packetsDropped() == 1);
        assertThat(caller.stats().packetsReceived()).isEqualTo(1);
    }

    @Test
    void lossIsCountedFromSequenceNumbers() throws Exception {
        alice.introduceTo(caller);
        bob.introduceTo(callee);
        for (int i = 0; i < 10; i++) Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort());
        alice.skip(4);
        for (int i = 0; i < 6; i++) Party.send(alice.rtp, alice.nextRtp(), caller.localRtpPort());
        for (int i = 0; i < 16; i++) Party.receive(bob.rtp);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(caller.stats().packetsLost()).isEqualTo(4);
            assertThat(caller.stats().jitterMillis()).isPositive(); // sent at once, stamped 20 ms apart
            assertThat(callee.stats().packetsLost()).isZero();
        });
    }

    @Test
    void closingACallFreesItsPortsAndClosingTheRelayEndsItsThreads() throws Exception {
        RelayCall second = relay.open("call-2", null, DIRECT);
        assertThat(relay.openCalls()).isEqualTo(2);
        assertThat(ports.inUse()).isEqualTo(4);
        int port = second.leg(Side.CALLEE).localRtpPort();
        second.close();
        second.close();
        assertThat(second.isClosed()).isTrue();
        assertThat(relay.openCalls()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(3)).until(() -> ports.inUse() == 2);
        try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(Party.RELAY, port));
                DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(Party.RELAY, port + 1))) {
            assertThat(rtp.isBound() && rtcp.isBound())
                    .as("the sockets really are closed")
                    .isTrue();
        }

        relay.close();
        assertThat(call.isClosed()).isTrue();
        assertThat(relay.openCalls()).isZero();
        assertThat(ports.inUse()).isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("tandem-relay-"));
    }

    @Test
    void deadStreamIsReportedOncePerCallAndNeverWhileHeldOrRinging() throws Exception {
        relay.close();
        relay = new UdpRelay(new RelayProperties(null, null, Duration.ofMillis(300), null, null), ports);
        List<String> events = new CopyOnWriteArrayList<>();
        RelayCall ringing = relay.open("ringing", new Recorder("ringing", events), DIRECT);
        alice.introduceTo(ringing.leg(Side.CALLER)); // no answer yet: alice does not know where to send

        RelayCall held = relay.open("held", new Recorder("held", events), DIRECT);
        alice.introduceTo(held.leg(Side.CALLER));
        bob.introduceTo(held.leg(Side.CALLEE));
        held.leg(Side.CALLER).setHeld(true);
        held.leg(Side.CALLEE).setHeld(true);

        RelayCall stopped = relay.open("stopped", new Recorder("stopped", events), DIRECT);
        RelayLeg stoppedCaller = stopped.leg(Side.CALLER);
        alice.introduceTo(stoppedCaller);
        bob.introduceTo(stopped.leg(Side.CALLEE));
        stopped.leg(Side.CALLEE).setHeld(true);
        Party.send(alice.rtp, alice.nextRtp(), stoppedCaller.localRtpPort()); // then alice falls silent
        Party.receive(bob.rtp);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("stopped:CALLER"));
        // "ringing" and "held" have been silent longer than "stopped" and were not reported; "stopped" is not again
        RelayCall later = relay.open("later", new Recorder("later", events), DIRECT);
        alice.introduceTo(later.leg(Side.CALLER)); // never sends: silent from when both legs were told
        bob.introduceTo(later.leg(Side.CALLEE));
        later.leg(Side.CALLEE).setHeld(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("later:CALLER"));
        assertThat(events).containsExactly("stopped:CALLER", "later:CALLER");
    }

    private record Recorder(String name, List<String> events) implements RelayEvents {
        @Override
        public void streamDead(Side side) {
            events.add(name + ":" + side);
        }
    }
}
