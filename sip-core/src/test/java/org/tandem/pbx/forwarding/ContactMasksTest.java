package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.testsupport.OfflineSipTransports;

/**
 * Issue 20: a NATed party's private Contact never reaches the other party; the appliance's address does, and the
 * party's own Contact comes back as the Request-URI of the requests sent to it.
 */
class ContactMasksTest {

    private static final String CALL = "call-mask-1";

    @TempDir
    Path data;

    final OfflineSipTransports transports = new OfflineSipTransports();
    final LocalAddresses local = new LocalAddresses("203.0.113.10", transports.properties(), "203.0.113.10");
    final RouteSet routes = new RouteSet(transports, local);

    private ContactMasks masks() {
        return new ContactMasks(
                FlowTokens.withKeyFile(data.resolve("route.key")), routes, host -> host.startsWith("198.51.100."));
    }

    private Request invite(String contact) {
        return transports.parse("INVITE sip:402@203.0.113.10 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.168.1.100:5090;branch=z9hG4bK-1;rport\nFrom: <sip:401@203.0.113.10>;tag=a\n"
                + "To: <sip:402@203.0.113.10>\nCall-ID: " + CALL + "\nCSeq: 2 INVITE\nMax-Forwards: 70\n"
                + "Contact: <" + contact + ">;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-000000000001>\"\n"
                + "Content-Length: 0\n\n");
    }

    private static String contactOf(javax.sip.message.Message m) {
        return ((ContactHeader) m.getHeader(ContactHeader.NAME))
                .getAddress()
                .getURI()
                .toString();
    }

    @Test
    void aPrivateContactBehindNatIsReplacedByTheAppliancesAddress() {
        Request copy = invite("sip:401@192.168.1.100:5090;transport=udp");
        masks().onRequest("203.0.113.21", copy, "udp", "10.0.0.2");

        assertThat(contactOf(copy))
                .startsWith("sip:401@" + transports.advertisedHost() + ":5060;transport=udp;tnd-m=")
                .doesNotContain("192.168");
        String token = ((SipURI) ((ContactHeader) copy.getHeader(ContactHeader.NAME))
                        .getAddress()
                        .getURI())
                .getParameter(ContactMasks.PARAM);
        assertThat(new String(
                        java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the private address cannot be read out of the mask")
                .doesNotContain("192.168");
        assertThat(copy.getHeader(ContactHeader.NAME).toString())
                .as("header parameters kept")
                .contains("+sip.instance");
    }

    @Test
    void aContactThatNamesItsSenderPassesUnchanged() {
        Request copy = invite("sip:303@10.0.0.2:5090");
        masks().onRequest("10.0.0.2", copy, "udp", "10.0.0.3");
        assertThat(contactOf(copy)).isEqualTo("sip:303@10.0.0.2:5090");

        Request named = invite("sip:303@phone.example.com");
        masks().onRequest("10.0.0.2", named, "udp", "198.51.100.7");
        assertThat(contactOf(named))
                .as("a host name is not an address to compare")
                .isEqualTo("sip:303@phone.example.com");
    }

    @Test
    void aLanPhonesContactIsMaskedTowardsAPartyOutsideTheLocalNetworks() {
        Request copy = invite("sip:303@10.0.0.2:5090");
        masks().onRequest("10.0.0.2", copy, "udp", "198.51.100.7");
        assertThat(contactOf(copy)).contains(ContactMasks.PARAM).doesNotContain("10.0.0.2");
    }

    @Test
    void theMaskedContactComesBackAsTheRequestUriOfAnInDialogRequest() {
        ContactMasks masks = masks();
        Request copy = invite("sip:401-line1@192.168.1.100:5090;transport=tcp;ob");
        masks.onRequest("203.0.113.21", copy, "tcp", "10.0.0.2");
        String masked = contactOf(copy);

        Request bye = transports.parse("BYE " + masked + " SIP/2.0\nVia: SIP/2.0/TCP 10.0.0.2:5090;branch=z9hG4bK-2\n"
                + "From: <sip:402@203.0.113.10>;tag=b\nTo: <sip:401@203.0.113.10>;tag=a\nCall-ID: " + CALL
                + "\nCSeq: 1 BYE\nMax-Forwards: 70\nContent-Length: 0\n\n");
        masks.unmask(bye);

        assertThat(bye.getRequestURI().toString()).isEqualTo("sip:401-line1@192.168.1.100:5090;transport=tcp;ob");
    }

    @Test
    void aMaskFromAnotherCallOrForgedIsNotUnmasked() {
        ContactMasks masks = masks();
        Request copy = invite("sip:401@192.168.1.100:5090");
        masks.onRequest("203.0.113.21", copy, "udp", "10.0.0.2");
        String masked = contactOf(copy);

        Request otherCall =
                transports.parse("BYE " + masked + " SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.2:5090;branch=z9hG4bK-3\n"
                        + "From: <sip:402@203.0.113.10>;tag=b\nTo: <sip:401@203.0.113.10>;tag=a\nCall-ID: another-call"
                        + "\nCSeq: 1 BYE\nMax-Forwards: 70\nContent-Length: 0\n\n");
        masks.unmask(otherCall);
        assertThat(((SipURI) otherCall.getRequestURI()).getParameter(ContactMasks.PARAM))
                .as("still masked")
                .isNotNull();

        Request forged = transports.parse("BYE sip:401@203.0.113.10;tnd-m=c2lwOjFAMS4yLjMuNA.AAAA SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.2:5090;branch=z9hG4bK-4\nFrom: <sip:402@203.0.113.10>;tag=b\n"
                + "To: <sip:401@203.0.113.10>;tag=a\nCall-ID: " + CALL + "\nCSeq: 1 BYE\nMax-Forwards: 70\n"
                + "Content-Length: 0\n\n");
        masks.unmask(forged);
        assertThat(((SipURI) forged.getRequestURI()).getParameter(ContactMasks.PARAM))
                .as("still masked")
                .isNotNull();
    }

    @Test
    void aNatedCalleesAnswerIsMaskedOnItsWayUpstream() throws Exception {
        Request invite = invite("sip:303@10.0.0.2:5090");
        Response ok = transports.messageFactory().createResponse(200, invite);
        ok.setHeader(transports
                .headerFactory()
                .createContactHeader(
                        transports.addressFactory().createAddress("<sip:402@192.168.1.100:5090;transport=tcp>")));
        masks().onResponse(ok, "203.0.113.22");
        assertThat(contactOf(ok)).startsWith("sip:402@" + transports.advertisedHost() + ":5060;transport=udp;tnd-m=");
    }
}
