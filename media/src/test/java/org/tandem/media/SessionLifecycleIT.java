package org.tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tandem.media.internal.JitsiMediaEngine;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayProperties;
import org.tandem.media.relay.Side;
import org.tandem.media.relay.internal.UdpRelay;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.media.testsupport.Tones;

/** Ports and threads come back: on close, on RTP timeout, on refused offers; and the range is a limit. */
class SessionLifecycleIT {

    private static final Executor DIRECT = Runnable::run;

    private static JitsiMediaEngine engine(int pairs, Duration rtpTimeout) {
        int base = 26000 + 2 * (int) (Math.random() * 3000);
        return new JitsiMediaEngine(
                new MediaProperties(base, base + 2 * pairs - 1, "127.0.0.1", "127.0.0.1", rtpTimeout, null));
    }

    private static int threads() {
        return Thread.getAllStackTraces().size();
    }

    @Test
    void twoHundredSessionsOpenAndCloseWithoutLeakingPortsOrThreads() throws Exception {
        try (JitsiMediaEngine engine = engine(400, Duration.ofSeconds(30));
                TestRtpPeer peer = new TestRtpPeer()) {
            assertThat(engine.clockRunning())
                    .as("an idle engine has no media tick")
                    .isFalse();
            engine.answer(peer.offer(), null, DIRECT).close(); // warm-up: libjitsi's global threads start once
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.portsInUse() == 0);
            assertThat(engine.clockRunning())
                    .as("the tick stops with the last session")
                    .isFalse();
            int baseline = threads();

            List<MediaSession> sessions = new ArrayList<>();
            for (int i = 0; i < 200; i++) sessions.add(engine.answer(peer.offer(), null, DIRECT));
            assertThat(engine.openSessions()).isEqualTo(200);
            assertThat(engine.clockRunning()).isTrue();
            assertThat(engine.portsInUse()).isEqualTo(200);
            assertThat(sessions)
                    .extracting(MediaSession::localRtpPort)
                    .doesNotHaveDuplicates()
                    .allMatch(p -> p % 2 == 0);
            int busy = threads();
            sessions.forEach(MediaSession::close);

            assertThat(engine.openSessions()).isZero();
            assertThat(engine.clockRunning()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.portsInUse() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> threads() <= baseline + 2);
            assertThat(busy).as("libjitsi threads while 200 sessions run").isGreaterThan(baseline + 200);
            for (MediaSession s : sessions) { // every port really is free again
                try (DatagramSocket rtp = new DatagramSocket(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), s.localRtpPort()));
                        DatagramSocket rtcp = new DatagramSocket(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), s.localRtpPort() + 1))) {
                    assertThat(rtp.isBound() && rtcp.isBound()).isTrue();
                }
            }
        }
    }

    @Test
    void silenceFromTheFarEndTimesTheSessionOutAndFreesItsPorts() throws Exception {
        // the timeout is short for the test but well above scheduling hiccups of a loaded 2-core machine
        try (JitsiMediaEngine engine = engine(4, Duration.ofMillis(1500));
                TestRtpPeer peer = new TestRtpPeer()) {
            CompletableFuture<Void> timedOut = new CompletableFuture<>();
            MediaSession session = engine.answer(
                    peer.offer(),
                    new MediaEvents() {
                        @Override
                        public void rtpTimeout() {
                            timedOut.complete(null);
                        }
                    },
                    DIRECT);
            peer.answeredBy(session.answerSdp());
            long start = System.nanoTime();
            peer.send(Tones.sine(440, Duration.ofMillis(2500))).get(5, TimeUnit.SECONDS);
            long lastSentMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(timedOut).as("no timeout while RTP flows").isNotDone();
            timedOut.get(5, TimeUnit.SECONDS);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(lastSentMs + 1400);
            assertThat(session.isClosed()).isTrue();
            assertThat(engine.openSessions()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.portsInUse() == 0);
        }
    }

    @Test
    void aHeldCallDoesNotTimeOut() throws Exception {
        try (JitsiMediaEngine engine = engine(4, Duration.ofMillis(300));
                TestRtpPeer peer = new TestRtpPeer()) {
            CompletableFuture<Void> timedOut = new CompletableFuture<>();
            MediaSession session = engine.answer(
                    peer.offer("inactive"),
                    new MediaEvents() {
                        @Override
                        public void rtpTimeout() {
                            timedOut.complete(null);
                        }
                    },
                    DIRECT);
            assertThat(session.answerSdp()).contains("a=inactive");
            Thread.sleep(900); // three timeouts long, nothing sent: held calls are silent
            assertThat(timedOut).isNotDone();
            assertThat(session.isClosed()).isFalse();
            session.updateRemote(peer.offer("sendrecv")); // resumed, and still nothing arrives
            timedOut.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusedOffersTakeNoPortAndAFullRangeSays503() throws Exception {
        try (JitsiMediaEngine engine = engine(2, Duration.ofSeconds(30));
                TestRtpPeer peer = new TestRtpPeer()) {
            assertThatThrownBy(() -> engine.answer(
                            peer.offer()
                                    .replace("RTP/AVP 0 101", "RTP/AVP 18 101")
                                    .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:18 G729/8000"),
                            null,
                            DIRECT))
                    .isInstanceOf(NoCommonCodecException.class);
            assertThatThrownBy(() -> engine.answer("v=0\r\nbroken", null, DIRECT))
                    .isInstanceOf(InvalidSdpException.class);
            assertThat(engine.portsInUse()).isZero();
            MediaSession a = engine.answer(peer.offer(), null, DIRECT);
            MediaSession b = engine.answer(peer.offer(), null, DIRECT);
            assertThatThrownBy(() -> engine.answer(peer.offer(), null, DIRECT))
                    .isInstanceOf(MediaCapacityException.class);
            a.close();
            b.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.portsInUse() == 0);
            engine.answer(peer.offer(), null, DIRECT).close();
        }
    }

    /**
     * Issue 20: "the RTP port range is shared with the media services". The relay and the media services take their
     * port pairs from the one allocator of tandem.media.rtp-port-min/max: no port twice, the range's end is the end for
     * both (503 for the next call of either kind), and a pair the relay gives back serves a media service next.
     */
    @Test
    void theRelayAndTheMediaServicesShareOneRangeAndItsLimit() throws Exception {
        int base = 26000 + 2 * (int) (Math.random() * 3000);
        MediaProperties properties =
                new MediaProperties(base, base + 5, "127.0.0.1", "127.0.0.1", Duration.ofSeconds(30), null);
        PortAllocator ports = PortAllocator.of(properties);
        try (JitsiMediaEngine engine = new JitsiMediaEngine(properties, ports);
                UdpRelay relay = new UdpRelay(RelayProperties.defaults(), ports);
                TestRtpPeer peer = new TestRtpPeer()) {
            MediaSession voicemail = engine.answer(peer.offer(), null, DIRECT);
            RelayCall relayed = relay.open("relayed-1", null, DIRECT);
            List<Integer> used = List.of(
                    voicemail.localRtpPort(),
                    relayed.leg(Side.CALLER).localRtpPort(),
                    relayed.leg(Side.CALLEE).localRtpPort());
            assertThat(used).doesNotHaveDuplicates().allMatch(p -> p >= base && p <= base + 4 && p % 2 == 0);
            assertThat(ports.inUse()).isEqualTo(3);

            assertThatThrownBy(() -> engine.answer(peer.offer(), null, DIRECT))
                    .as("the range is full for the media services")
                    .isInstanceOf(MediaCapacityException.class);
            assertThatThrownBy(() -> relay.open("relayed-2", null, DIRECT))
                    .as("and for the relay")
                    .isInstanceOf(MediaCapacityException.class);
            assertThat(ports.inUse()).as("a refused relay call keeps no half").isEqualTo(3);

            relayed.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> ports.inUse() == 1);
            MediaSession ivr = engine.answer(peer.offer(), null, DIRECT);
            assertThat(ivr.localRtpPort()).as("a pair the relay gave back").isIn(used.subList(1, 3));
            ivr.close();
            voicemail.close();
        }
    }
}
