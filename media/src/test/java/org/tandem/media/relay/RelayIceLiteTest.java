package org.tandem.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.ice.IceCredentials;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.internal.UdpRelay;

/**
 * ICE-lite on a relay face (RFC 8445 §2.5): the party's connectivity checks are answered from the port they reached,
 * and a nominating check signed with our password latches its source even from an address the party never used for
 * SIP (the check authenticates it); an unsigned one moves nothing.
 */
class RelayIceLiteTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final IceCredentials OURS = IceCredentials.generate();
    static final IceCredentials THEIRS = new IceCredentials("peer", "theirPasswordIsLongEnough");

    final int base = 43000 + (int) (ProcessHandle.current().pid() % 200) * 20;
    final StunStack peerStack = new StunStack();
    UdpRelay relay;

    @AfterEach
    void close() {
        if (relay != null) relay.close();
        peerStack.shutDown();
    }

    @Test
    void aNominatingCheckIsAnsweredAndLatchesItsSourceAStrangersPacketDoesNot() throws Exception {
        peerStack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                return THEIRS.pwd().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                return OURS.pwd().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return true;
            }
        });
        relay = new UdpRelay(RelayProperties.defaults(), new PortAllocator(LOOPBACK, base, base + 15));
        RelayCall call = relay.open("ice-1", new RelayEvents() {}, Runnable::run);
        try (DatagramChannel browser = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.2", 0));
                DatagramChannel phone = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            RelayLeg web = call.leg(Side.CALLER);
            // the browser signalled from 127.0.0.1 and named a host candidate nobody can reach
            web.expect(new InetSocketAddress("192.168.7.3", 54400), null, true, LOOPBACK, 8000);
            web.iceLite(OURS, THEIRS);
            call.leg(Side.CALLEE).expect((InetSocketAddress) phone.getLocalAddress(), null, false, LOOPBACK, 8000);
            InetSocketAddress webPort = new InetSocketAddress(LOOPBACK, web.localRtpPort());

            // an unsigned packet from 127.0.0.2 is not the party: no latch, nothing relayed
            browser.send(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}), webPort);
            Request check = MessageFactory.createBindingRequest(1_853_824_767L, true, 0x1234L);
            String username = OURS.ufrag() + ":" + THEIRS.ufrag();
            check.putAttribute(AttributeFactory.createUsernameAttribute(username));
            check.putAttribute(AttributeFactory.createUseCandidateAttribute());
            check.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
            check.putAttribute(AttributeFactory.createFingerprintAttribute());
            check.setTransactionID(TransactionID.createNewTransactionID().getBytes());
            browser.send(ByteBuffer.wrap(check.encode(peerStack)), webPort);

            browser.configureBlocking(false);
            ByteBuffer got = ByteBuffer.allocate(1500);
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            InetSocketAddress from = null;
            while (from == null && System.nanoTime() < end) from = (InetSocketAddress) browser.receive(got);
            assertThat(from).as("the check is answered").isEqualTo(webPort);
            got.flip();
            Message answer = Message.decode(got.array(), 0, got.limit());
            assertThat(answer.getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
            assertThat(web.stats().latchedRtp()).isEqualTo(browser.getLocalAddress());
            assertThat(web.stats().dropped()).as("the unsigned packet").isEqualTo(1);

            // the phone's RTP now reaches the browser where its check came from
            phone.send(
                    ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 2, 42}),
                    new InetSocketAddress(LOOPBACK, call.leg(Side.CALLEE).localRtpPort()));
            got.clear();
            from = null;
            end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (from == null && System.nanoTime() < end) from = (InetSocketAddress) browser.receive(got);
            assertThat(from).isNotNull();
            assertThat(got.get(12)).isEqualTo((byte) 42);
        }
    }
}
