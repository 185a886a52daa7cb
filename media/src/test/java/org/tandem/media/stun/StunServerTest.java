package org.tandem.media.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.stun.internal.UdpStunServer;

/**
 * The STUN server over real UDP on loopback, asked by hand-built RFC 5389 / RFC 3489 requests (decoded here by hand,
 * not with ice4j, so the test does not share the server's codec). ice4j's own client is in {@link StunClientsTest}.
 */
class StunServerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private UdpStunServer server;
    private InetSocketAddress serverAddress;

    @BeforeEach
    void start() {
        server = new UdpStunServer(StunProperties.onPort(freePort()), "127.0.0.1");
        server.start();
        serverAddress = server.localAddress();
        assertThat(serverAddress).as("listening").isNotNull();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersWithTheClientsRealAddressAsXorMappedAddress() throws IOException {
        try (DatagramSocket client = client("127.0.0.1")) {
            byte[] tid = transactionId(12);
            byte[] response = exchange(client, bindingRequest(tid, true, List.of(), false));

            assertThat(u16(response, 0)).as("Binding success response").isEqualTo(0x0101);
            assertThat(Arrays.copyOfRange(response, 8, 20))
                    .as("same transaction")
                    .isEqualTo(tid);
            InetSocketAddress mapped = xorAddress(attribute(response, 0x0020), tid);
            assertThat(mapped).isEqualTo(client.getLocalSocketAddress());
            assertThat(plainAddress(attribute(response, 0x0001))).isEqualTo(client.getLocalSocketAddress());
            assertThat(new String(attribute(response, 0x8022), StandardCharsets.UTF_8))
                    .isEqualTo("Tandem");
            assertThat(attribute(response, 0x8028))
                    .as("no FINGERPRINT when the request had none")
                    .isNull();
        }
    }

    @Test
    void aRequestFromAnotherLoopbackAddressGetsThatAddressBack() throws IOException {
        try (DatagramSocket client = client("127.0.0.2")) {
            byte[] tid = transactionId(12);
            byte[] response = exchange(client, bindingRequest(tid, true, List.of(), false));

            InetSocketAddress mapped = xorAddress(attribute(response, 0x0020), tid);
            assertThat(mapped.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.2"));
            assertThat(mapped.getPort()).isEqualTo(client.getLocalPort());
        }
    }

    @Test
    void aFingerprintedRequestGetsAValidFingerprintBack() throws IOException {
        try (DatagramSocket client = client("127.0.0.1")) {
            byte[] response = exchange(client, bindingRequest(transactionId(12), true, List.of(), true));

            byte[] fingerprint = attribute(response, 0x8028);
            assertThat(fingerprint).isNotNull();
            assertThat(u32(fingerprint, 0)).isEqualTo(crcOf(response, response.length - 8));
        }
    }

    @Test
    void ice4jsProcessWideAlwaysSignDoesNotAddAFingerprint() throws IOException {
        // every ice4j Agent sets org.ice4j.ALWAYS_SIGN=true for the whole JVM (the WebRTC work will create some)
        String before = System.setProperty("org.ice4j.ALWAYS_SIGN", "true");
        try (DatagramSocket client = client("127.0.0.1")) {
            byte[] plain = exchange(client, bindingRequest(transactionId(12), true, List.of(), false));
            assertThat(attribute(plain, 0x8028)).isNull();
            byte[] signed = exchange(client, bindingRequest(transactionId(12), true, List.of(), true));
            assertThat(u16(signed, signed.length - 8))
                    .as("one FINGERPRINT, last")
                    .isEqualTo(0x8028);
            assertThat(u16(signed, signed.length - 16)).as("not two").isNotEqualTo(0x8028);
            assertThat(u32(signed, signed.length - 4)).isEqualTo(crcOf(signed, signed.length - 8));
        } finally {
            if (before == null) System.clearProperty("org.ice4j.ALWAYS_SIGN");
            else System.setProperty("org.ice4j.ALWAYS_SIGN", before);
        }
    }

    @Test
    void anRfc3489ClientGetsMappedAddressOnly() throws IOException {
        try (DatagramSocket client = client("127.0.0.1")) {
            byte[] tid16 = transactionId(16); // no magic cookie: the whole 16 bytes are the transaction ID
            byte[] response = exchange(client, bindingRequest(tid16, false, List.of(), false));

            assertThat(u16(response, 0)).isEqualTo(0x0101);
            assertThat(Arrays.copyOfRange(response, 4, 20)).isEqualTo(tid16);
            assertThat(plainAddress(attribute(response, 0x0001))).isEqualTo(client.getLocalSocketAddress());
            assertThat(attribute(response, 0x0020)).isNull();
        }
    }

    @Test
    void aChangeRequestIs420ForRfc5389ClientsAndSilenceForRfc3489Ones() throws IOException {
        byte[] changeIpAndPort = {0, 3, 0, 4, 0, 0, 0, 6};
        try (DatagramSocket client = client("127.0.0.1")) {
            byte[] response =
                    exchange(client, bindingRequest(transactionId(12), true, List.of(changeIpAndPort), false));
            assertThat(u16(response, 0)).isEqualTo(0x0111);
            assertThat(u16(attribute(response, 0x000A), 0)).isEqualTo(0x0003);

            send(client, bindingRequest(transactionId(16), false, List.of(changeIpAndPort), false));
            byte[] noChange = exchange(
                    client,
                    bindingRequest(transactionId(16), false, List.of(new byte[] {0, 3, 0, 4, 0, 0, 0, 0}), false));
            assertThat(u16(noChange, 0))
                    .as("the next answer is to the request asking no change")
                    .isEqualTo(0x0101);
            assertThat(new String(attribute(noChange, 0x8022), StandardCharsets.UTF_8))
                    .isEqualTo("Tandem  ");
        }
    }

    @Test
    void unknownComprehensionRequiredAttributesGet420ListingThem() throws IOException {
        try (DatagramSocket client = client("127.0.0.1")) {
            byte[] unknown = {0x7F, 0x01, 0, 4, 1, 2, 3, 4};
            byte[] optional = {(byte) 0xBF, 0x01, 0, 4, 1, 2, 3, 4};
            byte[] response =
                    exchange(client, bindingRequest(transactionId(12), true, List.of(unknown, optional), false));

            assertThat(u16(response, 0)).as("Binding error response").isEqualTo(0x0111);
            byte[] error = attribute(response, 0x0009);
            assertThat(error[2] * 100 + error[3]).isEqualTo(420);
            byte[] listed = attribute(response, 0x000A);
            // ice4j pads an odd list RFC 3489-style, by repeating an ID (RFC 5389 §15.9 would pad with zeros)
            for (int i = 0; i < listed.length; i += 2) {
                assertThat(u16(listed, i))
                        .as("only the comprehension-required one")
                        .isEqualTo(0x7F01);
            }

            byte[] fine = exchange(client, bindingRequest(transactionId(12), true, List.of(optional), false));
            assertThat(u16(fine, 0))
                    .as("comprehension-optional ones are ignored")
                    .isEqualTo(0x0101);
        }
    }

    @Test
    void malformedDatagramsAreDroppedAndTheServerGoesOn() throws IOException {
        try (DatagramSocket client = client("127.0.0.1")) {
            byte[] good = bindingRequest(transactionId(12), true, List.of(), true);
            List<byte[]> bad = new ArrayList<>();
            bad.add(new byte[0]);
            bad.add(new byte[] {0, 1, 0}); // shorter than a header
            bad.add(Arrays.copyOf(good, good.length - 4)); // length says more than there is
            byte[] badFingerprint = good.clone();
            badFingerprint[badFingerprint.length - 1] ^= 1; // RFC 5389 §7.3: discard
            bad.add(badFingerprint);
            byte[] notStun = good.clone();
            notStun[0] = (byte) 0x80; // RTP's first byte
            bad.add(notStun);
            byte[] attributeOverrun =
                    bindingRequest(transactionId(12), true, List.of(new byte[] {0, 6, 0x7F, 0, 1, 2, 3, 4}), false);
            bad.add(attributeOverrun); // USERNAME claims 32512 bytes
            byte[] junk = new byte[200];
            RANDOM.nextBytes(junk);
            bad.add(junk);
            byte[] response = good.clone();
            response[1] = 0x01;
            response[0] = 0x01; // a success response, not a request
            bad.add(response);
            for (byte[] b : bad) send(client, b);

            byte[] answer = exchange(client, good);
            assertThat(u16(answer, 0)).isEqualTo(0x0101);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.answered() == 1);
            assertThat(server.answered())
                    .as("only the good request was answered")
                    .isEqualTo(1);
        }
    }

    @Test
    void aSourceBeyondItsBurstIsNotAnswered() throws IOException {
        server.close();
        server = new UdpStunServer(new StunProperties(freePort(), null, 1, 3), "127.0.0.1");
        server.start();
        serverAddress = server.localAddress();
        try (DatagramSocket client = client("127.0.0.1")) {
            for (int i = 0; i < 6; i++) send(client, bindingRequest(transactionId(12), true, List.of(), false));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.answered() + server.rateLimited() == 6);
            assertThat(server.rateLimited())
                    .as("6 sent in far less than a second, burst 3, rate 1/s")
                    .isGreaterThanOrEqualTo(2);
        }
        try (DatagramSocket other = client("127.0.0.3")) {
            byte[] answer = exchange(other, bindingRequest(transactionId(12), true, List.of(), false));
            assertThat(u16(answer, 0)).as("another source has its own bucket").isEqualTo(0x0101);
        }
    }

    @Test
    void portZeroMeansOff() {
        try (UdpStunServer off = new UdpStunServer(StunProperties.onPort(0), "127.0.0.1")) {
            off.start();
            assertThat(off.isRunning()).isFalse();
            assertThat(off.localAddress()).isNull();
        }
    }

    @Test
    void aPortInUseLeavesItOffInsteadOfFailing() {
        try (UdpStunServer second = new UdpStunServer(StunProperties.onPort(serverAddress.getPort()), "127.0.0.1")) {
            second.start();
            assertThat(second.isRunning()).isFalse();
        }
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void closeFreesThePort() throws IOException {
        int port = serverAddress.getPort();
        server.close();
        assertThat(server.isRunning()).isFalse();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    // --- a hand-made RFC 5389 client ---

    static byte[] bindingRequest(byte[] tid, boolean cookie, List<byte[]> attributes, boolean fingerprint) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) 0x0001).putShort((short) 0);
        if (cookie) b.putInt(0x2112A442);
        b.put(tid);
        for (byte[] a : attributes) b.put(a);
        if (fingerprint) {
            b.putShort(2, (short) (b.position() - 20 + 8));
            long crc = crcOf(b.array(), b.position());
            b.putShort((short) 0x8028).putShort((short) 4).putInt((int) crc);
        }
        b.putShort(2, (short) (b.position() - 20));
        return Arrays.copyOf(b.array(), b.position());
    }

    static long crcOf(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return crc.getValue() ^ 0x5354554EL;
    }

    /** The value of the first attribute of {@code type}, or null. */
    static byte[] attribute(byte[] message, int type) {
        int at = 20;
        int end = 20 + u16(message, 2);
        while (at + 4 <= end) {
            int t = u16(message, at);
            int len = u16(message, at + 2);
            if (t == type) return Arrays.copyOfRange(message, at + 4, at + 4 + len);
            at += 4 + (len + 3) / 4 * 4;
        }
        return null;
    }

    static InetSocketAddress xorAddress(byte[] value, byte[] tid) throws IOException {
        int port = u16(value, 2) ^ 0x2112;
        byte[] ip = Arrays.copyOfRange(value, 4, value.length);
        byte[] key = ByteBuffer.allocate(16).putInt(0x2112A442).put(tid).array();
        for (int i = 0; i < ip.length; i++) ip[i] ^= key[i];
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }

    static InetSocketAddress plainAddress(byte[] value) throws IOException {
        return new InetSocketAddress(
                InetAddress.getByAddress(Arrays.copyOfRange(value, 4, value.length)), u16(value, 2));
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    private static byte[] transactionId(int length) {
        byte[] tid = new byte[length];
        RANDOM.nextBytes(tid);
        return tid;
    }

    private static DatagramSocket client(String address) throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0));
        s.setSoTimeout(5000); // a lost answer fails the test after 5 s instead of hanging it
        return s;
    }

    private void send(DatagramSocket client, byte[] data) throws IOException {
        client.send(new DatagramPacket(data, data.length, serverAddress));
    }

    private byte[] exchange(DatagramSocket client, byte[] request) throws IOException {
        send(client, request);
        DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
        client.receive(in);
        assertThat(in.getSocketAddress())
                .as("answered from the server's address")
                .isEqualTo(serverAddress);
        return Arrays.copyOf(in.getData(), in.getLength());
    }

    static int freePort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
