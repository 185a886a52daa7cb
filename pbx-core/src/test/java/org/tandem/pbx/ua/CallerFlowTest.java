package org.tandem.pbx.ua;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.RequestEvent;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.sip.InboundRequest;

/** Which way the user agent's BYE and REFER go to the caller of a dialog it answered (issue 20). */
class CallerFlowTest {

    private static final javax.sip.message.MessageFactory MESSAGES;

    static {
        try {
            MESSAGES = javax.sip.SipFactory.getInstance().createMessageFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static InboundRequest invite(String contact, String source, int port, String transport) throws Exception {
        Request r = MESSAGES.createRequest("INVITE sip:ivr@pbx.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.1.100:5090;branch=z9hG4bK-1;rport\r\n"
                + "From: <sip:402@pbx.test>;tag=a\r\nTo: <sip:ivr@pbx.test>\r\nCall-ID: c1\r\nCSeq: 2 INVITE\r\n"
                + "Contact: <" + contact + ">\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        return new InboundRequest(new RequestEvent(new Object(), null, null, r), r, source, port, transport);
    }

    @Test
    void aCallerBehindNatIsReachedWhereItsPacketsCameFrom() throws Exception {
        CallerFlow flow = CallerFlow.of(invite("sip:402@192.168.1.100:5090", "203.0.113.20", 61001, "udp"));
        assertThat(flow.hop()).isNotNull();
        assertThat(flow.hop().getHost()).isEqualTo("203.0.113.20");
        assertThat(flow.hop().getPort()).isEqualTo(61001);
        assertThat(flow.hop().getTransport()).isEqualTo("UDP");
    }

    @Test
    void overTcpTheCallersOwnConnectionIsTheWayIn() throws Exception {
        CallerFlow flow =
                CallerFlow.of(invite("sip:402@192.168.1.100:5090;transport=tcp", "203.0.113.20", 40123, "tcp"));
        assertThat(flow.hop().getTransport()).isEqualTo("TCP");
        assertThat(flow.hop().getPort()).isEqualTo(40123);
    }

    @Test
    void aUdpCallerWhosePortWasRewrittenByItsNatToo() throws Exception {
        // same address (a NAT that keeps it, or a phone that put its public address in), other port: the mapping's
        assertThat(CallerFlow.of(invite("sip:402@203.0.113.20:5060", "203.0.113.20", 1024, "udp"))
                        .hop())
                .isNotNull();
    }

    @Test
    void aLanPhoneIsReachedAtItsContactAsTheDialogSays() throws Exception {
        assertThat(CallerFlow.of(invite("sip:402@10.0.0.20:5060", "10.0.0.20", 5060, "udp"))
                        .hop())
                .isNull();
        assertThat(CallerFlow.of(invite("sip:402@10.0.0.20", "10.0.0.20", 5060, "udp"))
                        .hop())
                .isNull();
        // over TCP the phone's source port is ephemeral; its Contact names its listening port
        assertThat(CallerFlow.of(invite("sip:402@10.0.0.20:5060;transport=tcp", "10.0.0.20", 41000, "tcp"))
                        .hop())
                .isNull();
    }
}
