package org.tandem.media.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ice4j.StunMessageEvent;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.MappedAddressAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.stack.StunStack;
import org.ice4j.stunclient.BlockingRequestSender;
import org.ice4j.stunclient.SimpleAddressDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.stun.internal.UdpStunServer;

/** Third-party STUN clients against the server: ice4j's own client side, and Debian's {@code stun} (stun-client). */
class StunClientsTest {

    private UdpStunServer server;
    private TransportAddress serverAddress;

    @BeforeEach
    void start() {
        server = new UdpStunServer(StunProperties.onPort(StunServerTest.freePort()), "127.0.0.1");
        server.start();
        serverAddress = new TransportAddress(server.localAddress(), Transport.UDP);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ice4jsStunStackGetsItsRealAddressAsXorMappedAddress() throws Exception {
        StunStack stack = new StunStack();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            TransportAddress local =
                    new TransportAddress((InetSocketAddress) socket.getLocalSocketAddress(), Transport.UDP);
            stack.addSocket(new IceUdpSocketWrapper(socket));
            StunMessageEvent event = new BlockingRequestSender(stack, local)
                    .sendRequestAndWaitForResponse(MessageFactory.createBindingRequest(), serverAddress);

            assertThat(event).as("ice4j got an answer").isNotNull();
            Message response = event.getMessage();
            assertThat(response.getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
            XorMappedAddressAttribute xor =
                    (XorMappedAddressAttribute) response.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
            assertThat(xor.getAddress(response.getTransactionID())).isEqualTo(local);
            assertThat(((MappedAddressAttribute) response.getAttribute(Attribute.MAPPED_ADDRESS)).getAddress())
                    .isEqualTo(local);
        } finally {
            stack.shutDown();
        }
    }

    @Test
    void ice4jsSimpleAddressDetectorFindsItsMapping() throws Exception {
        SimpleAddressDetector detector = new SimpleAddressDetector(serverAddress);
        detector.start();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            TransportAddress expected = new TransportAddress("127.0.0.2", socket.getLocalPort(), Transport.UDP);
            TransportAddress mapping = detector.getMappingFor(new IceUdpSocketWrapper(socket)); // closes the socket
            assertThat(mapping).isEqualTo(expected);
        } finally {
            detector.shutDown();
        }
    }

    @Test
    void debiansStunClientGetsItsAddressBack() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/stun")), "Debian package stun-client is not installed");
        int clientPort = StunServerTest.freePort();
        // test 1 of RFC 3489 §10.1: a plain Binding request (CHANGE-REQUEST with no flag); RFC 3489 framing
        Process stun = new ProcessBuilder(
                        "/usr/bin/stun",
                        "-v",
                        "127.0.0.1:" + serverAddress.getPort(),
                        "1",
                        "-p",
                        Integer.toString(clientPort))
                .redirectErrorStream(true)
                .start();
        assertThat(stun.waitFor(20, TimeUnit.SECONDS)).as("stun finished").isTrue();
        String output = new String(stun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // "ok=1": it accepted the whole answer (it drops one whose SOFTWARE is not a multiple of 4 bytes long)
        assertThat(output)
                .as(output)
                .contains("MappedAddress = 127.0.0.1:" + clientPort)
                .contains("ok=1");
    }

    @Test
    void debiansStunClientsNatTestReachesAVerdict() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/stun")), "Debian package stun-client is not installed");
        // RFC 3489 §10.1 tests I-III: I is answered; II and III ask for an answer from another address or port, which
        // we do not have, so they get none (any answer would make it call the path "Open" or "Full Cone")
        Process stun = new ProcessBuilder("/usr/bin/stun", "127.0.0.1:" + serverAddress.getPort())
                .redirectErrorStream(true)
                .start();
        assertThat(stun.waitFor(60, TimeUnit.SECONDS)).as("stun finished").isTrue();
        String output = new String(stun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).as(output).contains("Primary: Firewall").doesNotContain("Blocked");
    }
}
