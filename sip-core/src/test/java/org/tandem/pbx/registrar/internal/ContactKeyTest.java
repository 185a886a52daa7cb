package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3261 §19.1.4 URI comparison, as far as a single key can express it. */
class ContactKeyTest {

    static boolean same(String a, String b) {
        return ContactKey.of(a).equals(ContactKey.of(b));
    }

    @Test
    void equivalentUrisFromTheRfc() {
        assertThat(same("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"))
                .isTrue();
        assertThat(same("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"))
                .isTrue();
        assertThat(same("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5"))
                .isTrue();
        assertThat(same("sip:alice@192.0.2.4", "sip:alice@192.0.2.4")).isTrue();
    }

    @Test
    void differentUrisFromTheRfc() {
        assertThat(same("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"))
                .isFalse();
        assertThat(same("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")).isFalse();
        assertThat(same("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"))
                .isFalse();
        assertThat(same("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"))
                .isFalse();
        assertThat(same("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"))
                .isTrue();
        assertThat(same("sips:alice@atlanta.com", "sip:alice@atlanta.com")).isFalse();
        assertThat(same("sip:alice@atlanta.com:5070", "sip:alice@atlanta.com:5071"))
                .isFalse();
    }

    @Test
    void digestFitsTheColumn() {
        assertThat(ContactKey.digest(ContactKey.of("sip:101@10.0.0.1:5060"))).hasSize(64);
    }
}
