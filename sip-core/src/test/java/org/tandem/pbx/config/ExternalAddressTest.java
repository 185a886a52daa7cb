package org.tandem.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalAddressTest {

    @Test
    void aPeerOutsideTheLanGetsTheExternalHostOnlyWhenOneIsSet() {
        ExternalAddress external = new ExternalAddress();
        assertThat(external.advertisedTo("198.51.100.20", "192.168.1.10"))
                .as("none set")
                .isEqualTo("192.168.1.10");

        external.change(" pbx.example.com ");
        assertThat(external.host()).contains("pbx.example.com");
        assertThat(external.advertisedTo("198.51.100.20", "192.168.1.10")).isEqualTo("pbx.example.com");
        assertThat(external.advertisedTo("sip.provider.example", "192.168.1.10"))
                .as("providers are named in DNS")
                .isEqualTo("pbx.example.com");
        assertThat(external.advertisedTo("192.168.1.99", "192.168.1.10"))
                .as("a LAN peer")
                .isEqualTo("192.168.1.10");

        external.change("");
        assertThat(external.host()).isEmpty();
        assertThat(external.advertisedTo("198.51.100.20", "192.168.1.10")).isEqualTo("192.168.1.10");
    }

    @Test
    void privateLoopbackLinkLocalCgnatAndUniqueLocalAddressesAreOnTheLanSide() {
        for (String lan : new String[] {
            "10.1.2.3",
            "172.16.0.1",
            "192.168.0.1",
            "127.0.0.1",
            "169.254.1.1",
            "100.64.0.1",
            "100.127.255.254",
            "::1",
            "fe80::1",
            "fd00::1",
            "[fc00::2]",
            "localhost",
            "999.1.1.1",
            ""
        }) {
            assertThat(ExternalAddress.isOutsideLan(lan)).as(lan).isFalse();
        }
        for (String wan : new String[] {
            "8.8.8.8", "100.128.0.1", "203.0.113.7", "2001:db8::1", "[2a00:1450::1]", "sip.provider.example"
        }) {
            assertThat(ExternalAddress.isOutsideLan(wan)).as(wan).isTrue();
        }
    }
}
