package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.testsupport.OfflineSipTransports;

/** RFC 3261 §16.6 steps 1–3: the copy a request is forwarded as, and the ACK forwarded as it came (issue 23). */
class ForwarderCopyTest {

    final OfflineSipTransports transports = new OfflineSipTransports();
    final LocalAddresses local = new LocalAddresses("203.0.113.10", transports.properties(), "127.0.0.1");
    final Forwarder forwarder =
            new Forwarder(transports, null, new RouteSet(transports, local), new BranchIds(local), null, null);

    private Request ack(String maxForwards) {
        return transports.parse(
                "ACK sip:341@192.168.1.100:5090 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.2:5090;branch=z9hG4bK-a\n"
                        + "From: <sip:303@203.0.113.10>;tag=c1\nTo: <sip:341@203.0.113.10>;tag=a1\nCall-ID: ack-1\n"
                        + "CSeq: 2 ACK\n" + maxForwards + "Content-Length: 0\n\n");
    }

    @Test
    void aCopyLeavesTheReceivedRequestAsItWas() {
        Request received = ack("Max-Forwards: 70\n");
        Request copy = forwarder.copy(received, null);
        forwarder.addVia(copy, "udp", "z9hG4bK-tdm-x.1");

        assertThat(copy).isNotSameAs(received);
        assertThat(((MaxForwardsHeader) copy.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(69);
        assertThat(((MaxForwardsHeader) received.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(70);
        assertThat(((ViaHeader) received.getHeader(ViaHeader.NAME)).getBranch()).isEqualTo("z9hG4bK-a");
    }

    @Test
    void anAckIsForwardedInPlaceWithTheSameStepsAsACopy() {
        Request received = ack("Max-Forwards: 70\n");
        Request forwarded = forwarder.forwardInPlace(received);

        assertThat(forwarded).isSameAs(received);
        assertThat(forwarded.toString())
                .isEqualTo(forwarder.copy(ack("Max-Forwards: 70\n"), null).toString());
        assertThat(((MaxForwardsHeader) forwarded.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(69);

        Request without = forwarder.forwardInPlace(ack(""));
        assertThat(((MaxForwardsHeader) without.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(Forwarder.DEFAULT_MAX_FORWARDS);
    }
}
