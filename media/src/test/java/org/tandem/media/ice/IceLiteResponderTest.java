package org.tandem.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connectivity checks built by ice4j's client side with a controlling agent's credentials (its StunStack computes
 * their MESSAGE-INTEGRITY), answered by the responder; answers are checked by hand (HMAC-SHA1, CRC-32), not with the
 * responder's own code.
 */
class IceLiteResponderTest {

    private static final IceCredentials OURS = new IceCredentials("tndm", "ourPasswordIsLongEnough+/");
    private static final IceCredentials THEIRS = new IceCredentials("peer", "theirPasswordIsLongEnough");
    private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.7", 40000);

    private final IceLiteResponder responder = new IceLiteResponder(OURS, THEIRS);
    private final StunStack peerStack = new StunStack();
    private String signWith = OURS.pwd(); // the password the controlling peer believes is ours

    IceLiteResponderTest() {
        peerStack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                return THEIRS.pwd().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                return signWith.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return true;
            }
        });
    }

    @AfterEach
    void stopStack() {
        peerStack.shutDown();
    }

    @Test
    void aNominatingCheckFromTheControllingPeerGetsASignedSuccess() throws Exception {
        byte[] check = check("tndm:peer", true, true, true);

        ConnectivityCheck result = responder.check(check, 0, check.length, SOURCE);

        assertThat(result.valid()).isTrue();
        assertThat(result.nominated()).isTrue();
        assertThat(result.priority()).isEqualTo(1_853_824_767L);
        byte[] response = result.response();
        Message decoded = Message.decode(response, 0, response.length);
        assertThat(decoded.getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
        assertThat(decoded.getTransactionID()).isEqualTo(Arrays.copyOfRange(check, 8, 20));
        XorMappedAddressAttribute mapped =
                (XorMappedAddressAttribute) decoded.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        assertThat((InetSocketAddress) mapped.getAddress(decoded.getTransactionID()))
                .isEqualTo(SOURCE);
        assertSignedWith(response, OURS.pwd());
        assertFingerprinted(response);
    }

    @Test
    void aCheckWithoutUseCandidateIsValidButNotNominated() throws Exception {
        byte[] check = check("tndm:peer", true, false, true);
        ConnectivityCheck result = responder.check(check, 0, check.length, SOURCE);
        assertThat(result.valid()).isTrue();
        assertThat(result.nominated()).isFalse();
    }

    @Test
    void aDatagramInsideALargerBufferIsReadAtItsOffset() throws Exception {
        byte[] check = check("tndm:peer", true, true, true);
        byte[] buffer = new byte[check.length + 100];
        System.arraycopy(check, 0, buffer, 37, check.length);
        assertThat(responder.check(buffer, 37, check.length, SOURCE).valid()).isTrue();
    }

    @Test
    void aWrongPasswordGets401WithoutIntegrity() throws Exception {
        signWith = "notOurPasswordButLongEnough";
        byte[] check = check("tndm:peer", true, true, true);

        ConnectivityCheck result = responder.check(check, 0, check.length, SOURCE);

        assertThat(result.valid()).isFalse();
        assertThat(errorCode(result.response())).isEqualTo(401);
        assertThat(Message.decode(result.response(), 0, result.response().length)
                        .containsAttribute(Attribute.MESSAGE_INTEGRITY))
                .isFalse();
    }

    @Test
    void aWrongUsernameGets401() throws Exception {
        for (String username : new String[] {"other:peer", "tndm:someoneElse", "tndm", "peer:tndm"}) {
            byte[] check = check(username, true, true, true);
            ConnectivityCheck result = responder.check(check, 0, check.length, SOURCE);
            assertThat(result.valid()).as(username).isFalse();
            assertThat(errorCode(result.response())).as(username).isEqualTo(401);
        }
    }

    @Test
    void aCheckWithoutIntegrityGets400() throws Exception {
        Request request = MessageFactory.createBindingRequest(1L, true, 7L);
        request.putAttribute(AttributeFactory.createUsernameAttribute("tndm:peer"));
        byte[] check = encode(request);
        assertThat(errorCode(responder.check(check, 0, check.length, SOURCE).response()))
                .isEqualTo(400);
    }

    @Test
    void aPeerThatAlsoWantsToBeControlledGets487SoItTakesControl() throws Exception {
        byte[] check = check("tndm:peer", false, false, true);

        ConnectivityCheck result = responder.check(check, 0, check.length, SOURCE);

        assertThat(result.valid()).isFalse();
        assertThat(errorCode(result.response())).isEqualTo(487);
        assertSignedWith(result.response(), OURS.pwd());
    }

    @Test
    void anUnknownComprehensionRequiredAttributeGets420() throws Exception {
        Request request = request("tndm:peer", true, false);
        request.putAttribute(AttributeFactory.createLifetimeAttribute(600)); // TURN's, 0x000D: not for a check
        byte[] check = encodeSigned(request, "tndm:peer");
        assertThat(errorCode(responder.check(check, 0, check.length, SOURCE).response()))
                .isEqualTo(420);
    }

    @Test
    void rtpIndicationsAndGarbageAreIgnored() throws Exception {
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        assertThat(IceLiteResponder.isStun(rtp, 0, rtp.length)).isFalse();
        assertThat(responder.check(rtp, 0, rtp.length, SOURCE).response()).isNull();

        byte[] indication = encode(MessageFactory.createBindingIndication()); // RFC 8445 §11 keepalive
        assertThat(IceLiteResponder.isStun(indication, 0, indication.length)).isTrue();
        assertThat(responder.check(indication, 0, indication.length, SOURCE).response())
                .isNull();

        byte[] check = check("tndm:peer", true, true, true);
        byte[] truncated = Arrays.copyOf(check, check.length - 4);
        assertThat(responder.check(truncated, 0, truncated.length, SOURCE).response())
                .isNull();
        byte[] badCrc = check.clone();
        badCrc[badCrc.length - 1] ^= 1;
        assertThat(responder.check(badCrc, 0, badCrc.length, SOURCE).response()).isNull();
    }

    // --- the controlling peer's side, with ice4j ---

    private byte[] check(String username, boolean controlling, boolean useCandidate, boolean fingerprint)
            throws Exception {
        Request request = request(username, controlling, useCandidate);
        if (fingerprint) request.putAttribute(AttributeFactory.createFingerprintAttribute());
        return encodeSigned(request, username);
    }

    private static Request request(String username, boolean controlling, boolean useCandidate) throws Exception {
        // RFC 8445 §7.1.1: PRIORITY of a peer-reflexive candidate, the agent's role and tie-breaker
        Request request = MessageFactory.createBindingRequest(1_853_824_767L, controlling, 0x1234_5678_9ABCL);
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        if (useCandidate) request.putAttribute(AttributeFactory.createUseCandidateAttribute());
        return request;
    }

    private byte[] encodeSigned(Request request, String username) throws Exception {
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        return encode(request);
    }

    private byte[] encode(Message message) throws Exception {
        message.setTransactionID(TransactionID.createNewTransactionID().getBytes());
        return message.encode(peerStack);
    }

    private static int errorCode(byte[] response) throws Exception {
        Message decoded = Message.decode(response, 0, response.length);
        assertThat(decoded.getMessageType()).isEqualTo(Message.BINDING_ERROR_RESPONSE);
        return ((ErrorCodeAttribute) decoded.getAttribute(Attribute.ERROR_CODE)).getErrorCode();
    }

    /** RFC 5389 §15.4 by hand: HMAC-SHA1 over the message before MESSAGE-INTEGRITY, length counting it. */
    private static void assertSignedWith(byte[] response, String password) throws Exception {
        int at = 20;
        while (((response[at] & 0xFF) << 8 | (response[at + 1] & 0xFF)) != 0x0008) {
            at += 4 + (((response[at + 2] & 0xFF) << 8 | (response[at + 3] & 0xFF)) + 3) / 4 * 4;
        }
        byte[] signed = Arrays.copyOf(response, at);
        int length = at + 24 - 20;
        signed[2] = (byte) (length >> 8);
        signed[3] = (byte) length;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(Arrays.copyOfRange(response, at + 4, at + 24))
                .as("MESSAGE-INTEGRITY")
                .isEqualTo(mac.doFinal(signed));
    }

    private static void assertFingerprinted(byte[] response) {
        int at = response.length - 8;
        assertThat((response[at] & 0xFF) << 8 | (response[at + 1] & 0xFF))
                .as("FINGERPRINT last")
                .isEqualTo(0x8028);
        CRC32 crc = new CRC32();
        crc.update(response, 0, at);
        long expected = crc.getValue() ^ 0x5354554EL;
        long actual = ((response[at + 4] & 0xFFL) << 24)
                | ((response[at + 5] & 0xFFL) << 16)
                | ((response[at + 6] & 0xFFL) << 8)
                | (response[at + 7] & 0xFFL);
        assertThat(actual).isEqualTo(expected);
    }
}
