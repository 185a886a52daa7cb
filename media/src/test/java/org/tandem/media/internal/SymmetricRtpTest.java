package org.tandem.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a media-service session sends before the party's own packets latch it (issue 20). */
class SymmetricRtpTest {

    private static OfferAnswer.Negotiated offer(String address, int port) throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return OfferAnswer.answer(sdp, InetAddress.getByName("203.0.113.10"), 10002, 1, 1);
    }

    private static SymmetricRtp session(String sipSource, OfferAnswer.Negotiated offer) throws Exception {
        return new SymmetricRtp(InetAddress.getByName(sipSource), offer, (rtp, rtcp) -> {
            throw new AssertionError("no target expected");
        });
    }

    /** The RTP targets a session was given, in order. */
    private final List<InetSocketAddress> sentTo = new ArrayList<>();

    private SymmetricRtp recorded(String sipSource, OfferAnswer.Negotiated offer) throws Exception {
        return new SymmetricRtp(InetAddress.getByName(sipSource), offer, (rtp, rtcp) -> sentTo.add(rtp));
    }

    @Test
    void aPhoneWithoutNatSendingFromItsSdpAddressChangesNothing() throws Exception {
        SymmetricRtp lan = recorded("10.0.0.2", offer("10.0.0.2", 4000));
        lan.rtpFrom(InetAddress.getByName("10.0.0.2"), 4000);
        lan.rtpFrom(InetAddress.getByName("10.0.0.2"), 5000); // latched: another port of that host moves nothing
        assertThat(sentTo).isEmpty();
    }

    @Test
    void aStrayPacketFromThePartysIpLatchesFirstThenThePartysOwnTakesTheTargetBack() throws Exception {
        // two phones behind one address (a shared NAT, the loopback of tests): a late packet of an earlier call to
        // this reused port comes first, from the party's IP but another port
        SymmetricRtp session = recorded("127.0.0.1", offer("127.0.0.1", 40000));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        session.rtpFrom(loopback, 41000);
        assertThat(sentTo).containsExactly(new InetSocketAddress("127.0.0.1", 41000));
        session.rtpFrom(loopback, 40000); // the party itself, from what its SDP names
        assertThat(sentTo).last().isEqualTo(new InetSocketAddress("127.0.0.1", 40000));
        session.rtpFrom(loopback, 41000); // and no one else moves it from there
        session.rtpFrom(loopback, 42000);
        assertThat(sentTo).hasSize(2);
    }

    @Test
    void aPartyBehindNatStaysLatchedOnItsPublicSourceAgainstStrangers() throws Exception {
        SymmetricRtp natted = recorded("198.51.100.21", offer("192.168.1.100", 4000));
        natted.rtpFrom(InetAddress.getByName("198.51.100.21"), 61000);
        assertThat(sentTo).containsExactly(new InetSocketAddress("198.51.100.21", 61000));
        natted.rtpFrom(InetAddress.getByName("198.51.100.21"), 62000); // the same NAT, another mapping
        natted.rtpFrom(InetAddress.getByName("203.0.113.66"), 4000); // a stranger elsewhere, with the SDP's port
        assertThat(sentTo).hasSize(1);
    }

    @Test
    void aCallerBehindNatIsFirstTriedAtItsNatsPublicAddressNotItsUnreachablePrivateOne() throws Exception {
        SymmetricRtp natted = session("198.51.100.21", offer("192.168.1.100", 4000));
        assertThat(natted.firstRtpTarget()).isEqualTo(new InetSocketAddress("198.51.100.21", 4000));
        assertThat(natted.firstRtcpTarget()).isEqualTo(new InetSocketAddress("198.51.100.21", 4001));
        // carrier-grade NAT space (RFC 6598) is private too
        assertThat(session("198.51.100.21", offer("100.64.3.4", 4000))
                        .firstRtpTarget()
                        .getAddress()
                        .getHostAddress())
                .isEqualTo("198.51.100.21");
    }

    @Test
    void otherwiseTheSdpAddressAsItSays() throws Exception {
        // a LAN phone
        assertThat(session("10.0.0.2", offer("10.0.0.2", 4000)).firstRtpTarget())
                .isEqualTo(new InetSocketAddress("10.0.0.2", 4000));
        // a provider whose media server is another public host than its SIP one
        assertThat(session("198.51.100.30", offer("198.51.100.99", 4000)).firstRtpTarget())
                .isEqualTo(new InetSocketAddress("198.51.100.99", 4000));
        // a LAN phone whose SDP names another LAN address; and the loopback of tests
        assertThat(session("10.0.0.2", offer("192.168.1.100", 4000)).firstRtpTarget())
                .isEqualTo(new InetSocketAddress("192.168.1.100", 4000));
        assertThat(session("127.0.0.1", offer("192.168.1.100", 4000)).firstRtpTarget())
                .isEqualTo(new InetSocketAddress("192.168.1.100", 4000));
    }
}
