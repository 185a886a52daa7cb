package org.tandem.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.stun.StunPackets;

/**
 * A real full ICE agent (ice4j's {@link Agent}, controlling, as a browser or softphone would be) runs its connectivity
 * checks against the responder sitting on a plain DatagramChannel the way the relay's IO thread will use it, and
 * must reach COMPLETED with our candidate selected. ice4j also verifies our answers' MESSAGE-INTEGRITY and FINGERPRINT.
 */
class IceLiteWithIce4jAgentTest {

    private final ExecutorService relayThread = Executors.newSingleThreadExecutor();
    private DatagramChannel leg;
    private Agent agent;

    @AfterEach
    void close() throws IOException {
        if (agent != null) agent.free();
        if (leg != null) leg.close();
        relayThread.shutdownNow();
    }

    @Test
    void aControllingIce4jAgentCompletesAgainstTheLiteResponder() throws Exception {
        leg = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress legAddress = (InetSocketAddress) leg.getLocalAddress();
        IceCredentials ours = IceCredentials.generate();

        agent = new Agent("tandemtest", null);
        agent.setControlling(true);
        agent.setUseDynamicPorts(false);
        // ice4j's host harvester skips loopback, and a SinglePortUdpHarvester candidate cannot send checks (it only
        // gets a socket once a peer's check arrives: "No socket found"), so the checking agent gets a loopback one here
        agent.addCandidateHarvester(new LoopbackHostHarvester());
        IceMediaStream stream = agent.createMediaStream("audio");
        Component rtp = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        stream.setRemoteUfrag(ours.ufrag());
        stream.setRemotePassword(ours.pwd());
        long priority = IceCandidate.of(IceCandidate.Type.HOST, 1, "127.0.0.1", legAddress.getPort())
                .priority();
        rtp.addRemoteCandidate(new RemoteCandidate(
                new TransportAddress(legAddress, Transport.UDP),
                rtp,
                CandidateType.HOST_CANDIDATE,
                "1",
                priority,
                null));

        IceLiteResponder responder =
                new IceLiteResponder(ours, new IceCredentials(agent.getLocalUfrag(), agent.getLocalPassword()));
        AtomicReference<InetSocketAddress> nominated = new AtomicReference<>();
        AtomicInteger valid = new AtomicInteger();
        relayThread.execute(() -> serve(responder, nominated, valid));

        agent.startConnectivityEstablishment();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> agent.getState() == IceProcessingState.COMPLETED
                        || agent.getState() == IceProcessingState.TERMINATED
                        || agent.getState() == IceProcessingState.FAILED);
        assertThat(agent.getState()).isIn(IceProcessingState.COMPLETED, IceProcessingState.TERMINATED);
        CandidatePair selected = rtp.getSelectedPair();
        assertThat((InetSocketAddress) selected.getRemoteCandidate().getTransportAddress())
                .isEqualTo(legAddress);
        assertThat(valid.get()).isPositive();
        await().atMost(Duration.ofSeconds(5)).untilAtomic(nominated, org.hamcrest.Matchers.notNullValue());
        assertThat(nominated.get())
                .as("the nominated check came from the agent's own candidate")
                .isEqualTo(selected.getLocalCandidate().getTransportAddress());
    }

    /** What the relay's IO thread will do with a datagram on a leg with ICE. */
    private void serve(IceLiteResponder responder, AtomicReference<InetSocketAddress> nominated, AtomicInteger valid) {
        ByteBuffer buffer = ByteBuffer.allocate(1500);
        try {
            while (leg.isOpen()) {
                buffer.clear();
                InetSocketAddress source = (InetSocketAddress) leg.receive(buffer);
                if (!StunPackets.isStun(buffer.array(), 0, buffer.position())) continue; // media
                ConnectivityCheck check = responder.check(buffer.array(), 0, buffer.position(), source);
                if (check.valid()) valid.incrementAndGet();
                if (check.nominated()) nominated.set(source);
                if (check.response() != null) leg.send(ByteBuffer.wrap(check.response()), source);
            }
        } catch (ClosedChannelException closed) {
            // test over
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One host candidate on 127.0.0.1, wired as ice4j's own host harvester wires its candidates. */
    private static final class LoopbackHostHarvester implements CandidateHarvester {
        private final HarvestStatistics statistics = new HarvestStatistics();

        @Override
        public Collection<LocalCandidate> harvest(Component component) {
            try {
                IceUdpSocketWrapper socket =
                        new IceUdpSocketWrapper(new MultiplexingDatagramSocket(0, InetAddress.getByName("127.0.0.1")));
                HostCandidate candidate = new HostCandidate(socket, component, Transport.UDP);
                component.addLocalCandidate(candidate);
                candidate.getStunStack().addSocket(candidate.getStunSocket(null));
                if (component.getComponentSocket() != null)
                    component.getComponentSocket().add(socket);
                return List.of(candidate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public HarvestStatistics getHarvestStatistics() {
            return statistics;
        }

        @Override
        public boolean isHostHarvester() {
            return true;
        }
    }
}
