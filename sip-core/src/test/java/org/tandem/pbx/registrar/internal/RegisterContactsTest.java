package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tandem.pbx.registrar.RegistrarProperties;
import org.tandem.pbx.testsupport.OfflineSipTransports;

/** Expiry rules of RFC 3261 §10.2.1.1 / §10.3 step 7 and the "*" rule of step 6. */
class RegisterContactsTest {

    final OfflineSipTransports sip = new OfflineSipTransports();
    final RegistrarProperties props = new RegistrarProperties(60, 3600, 3600, null, 0, null, false, true);

    RegisterContacts.Parsed parse(String headers) {
        return RegisterContacts.parse(
                sip.parse("REGISTER sip:tandem.test SIP/2.0\n"
                        + "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1\n"
                        + "From: <sip:101@tandem.test>;tag=a\n"
                        + "To: <sip:101@tandem.test>\n"
                        + "Call-ID: c1\n"
                        + "CSeq: 1 REGISTER\n"
                        + headers
                        + "Content-Length: 0\n\n"),
                props);
    }

    @Test
    void defaultsAreSixtyAndThreeThousandSixHundred() {
        RegistrarProperties d = new RegistrarProperties(0, 0, 0, null, 0, null, false, true);
        assertThat(d.minExpires()).isEqualTo(60);
        assertThat(d.maxExpires()).isEqualTo(3600);
        assertThat(d.defaultExpires()).isEqualTo(3600);
    }

    @Test
    void contactParameterWinsOverHeaderWhichWinsOverDefault() {
        assertThat(parse("Contact: <sip:101@10.0.0.1>;expires=120\nExpires: 300\n")
                        .contacts())
                .singleElement()
                .satisfies(c -> assertThat(c.expires()).isEqualTo(120));
        assertThat(parse("Contact: <sip:101@10.0.0.1>\nExpires: 300\n").contacts())
                .singleElement()
                .satisfies(c -> assertThat(c.expires()).isEqualTo(300));
        assertThat(parse("Contact: <sip:101@10.0.0.1>\n").contacts())
                .singleElement()
                .satisfies(c -> assertThat(c.expires()).isEqualTo(3600));
    }

    @Test
    void eachContactHasItsOwnExpiry() {
        assertThat(parse("Contact: <sip:101@10.0.0.1>;expires=120, <sip:101@10.0.0.2>\nExpires: 900\n")
                        .contacts())
                .extracting(BindingChange.RequestedContact::expires)
                .containsExactly(120, 900);
    }

    @Test
    void tooBriefIs423AndTooLongIsShortened() {
        RegisterContacts.Parsed brief = parse("Contact: <sip:101@10.0.0.1>;expires=30\n");
        assertThat(brief.status()).isEqualTo(423);
        assertThat(parse("Contact: <sip:101@10.0.0.1>;expires=86400\n").contacts())
                .singleElement()
                .satisfies(c -> assertThat(c.expires()).isEqualTo(3600));
        assertThat(parse("Contact: <sip:101@10.0.0.1>;expires=0\n").contacts())
                .singleElement()
                .satisfies(c -> assertThat(c.expires()).isZero());
    }

    @Test
    void wildcardOnlyAloneWithExpiresZero() {
        RegisterContacts.Parsed ok = parse("Contact: *\nExpires: 0\n");
        assertThat(ok.failed()).isFalse();
        assertThat(ok.wildcard()).isTrue();
        assertThat(parse("Contact: *\n").status()).isEqualTo(400);
        assertThat(parse("Contact: *\nExpires: 60\n").status()).isEqualTo(400);
        assertThat(parse("Contact: *\nContact: <sip:101@10.0.0.1>\nExpires: 0\n")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void qAndOutboundParametersAreKept() {
        assertThat(parse("Contact: <sip:101@10.0.0.1>;q=0.5;+sip.instance=\"<urn:uuid:1234>\";reg-id=2\n")
                        .contacts())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.q()).isEqualTo(500);
                    assertThat(c.instanceId()).isEqualTo("<urn:uuid:1234>");
                    assertThat(c.regId()).isEqualTo(2);
                });
        assertThat(parse("Contact: <sip:101@10.0.0.1>\n").contacts())
                .singleElement()
                .satisfies(c -> assertThat(c.q()).isEqualTo(1000));
    }

    @Test
    void noContactIsAQuery() {
        RegisterContacts.Parsed q = parse("");
        assertThat(q.failed()).isFalse();
        assertThat(q.contacts()).isEmpty();
        assertThat(q.wildcard()).isFalse();
    }
}
